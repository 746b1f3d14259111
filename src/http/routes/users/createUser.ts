import { z } from "@hono/zod-openapi";
import { createUser } from "../../../domain/users";
import { defineRoute, jsonBody, jsonContent } from "../../../lib/openapi";
import { presentUser, UserSchema } from "../../../present/user";
import { createdHeaders, type Handler } from "../types";

const isTimezone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

export const CreateUserBody = z
  .object({
    firstName: z.string().trim().min(1).max(20),
    lastName: z.string().trim().min(1).max(30),
    email: z.email().max(100),
    password: z.string().min(8).max(255).optional(),
    alternateEmails: z
      .string()
      .max(255)
      .refine(
        (value) => value.split(",").every((e) => z.email().safeParse(e.trim()).success),
        "must be a comma separated list of email addresses",
      )
      .optional(),
    jobTitle: z.string().max(100).optional(),
    phone: z.string().max(60).optional(),
    timezone: z.string().refine(isTimezone, "must be a timezone such as Europe/Paris").optional(),
    photoUrl: z
      .url({ protocol: /^https?$/ })
      .max(200)
      .optional(),
  })
  .openapi("CreateUser");

export const route = defineRoute({
  method: "post",
  path: "/api/users",
  tags: ["Users"],
  summary: "Create User",
  description:
    "Creates a regular user (never an administrator) without access to any mailbox. The email must be unique.",
  request: { body: jsonBody(CreateUserBody) },
  responses: { 201: jsonContent(UserSchema, "The created user") },
});

export const handler: Handler<typeof route> = async (c) => {
  const row = await createUser(c.var.services, c.req.valid("json"));
  return c.json(presentUser(row), 201, createdHeaders(c.req.url, "/api/users", row.id));
};

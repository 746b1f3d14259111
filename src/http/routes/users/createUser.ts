import { z } from "@hono/zod-openapi";
import { users } from "../../../db/schema";
import { hashPassword } from "../../../lib/crypto";
import { nowSeconds } from "../../../lib/dates";
import { conflict } from "../../../lib/errors";
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
  const input = c.req.valid("json");
  const now = nowSeconds();
  const email = input.email.toLowerCase();
  const [row] = await c.var.db
    .insert(users)
    .values({
      firstName: input.firstName,
      lastName: input.lastName,
      email,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      role: "user",
      alternateEmails: input.alternateEmails ?? null,
      jobTitle: input.jobTitle ?? null,
      phone: input.phone ?? null,
      timezone: input.timezone ?? "UTC",
      photoUrl: input.photoUrl ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!row) throw conflict("email", "A user with this email already exists", input.email);
  return c.json(presentUser(row), 201, createdHeaders(c.req.url, "/api/users", row.id));
};

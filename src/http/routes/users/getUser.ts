import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { notFound } from "../../../lib/errors";
import { defineRoute, idParam, jsonContent } from "../../../lib/openapi";
import { presentUser, UserSchema } from "../../../present/user";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/users/{userId}",
  tags: ["Users"],
  summary: "Get User",
  request: { params: z.object({ userId: idParam("userId") }) },
  responses: { 200: jsonContent(UserSchema, "The user") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { userId } = c.req.valid("param");
  const row = await c.var.db.select().from(users).where(eq(users.id, userId)).get();
  if (!row) throw notFound("userId", userId);
  return c.json(presentUser(row), 200);
};

import { z } from "@hono/zod-openapi";
import { getUser } from "../../../domain/users";
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
  return c.json(presentUser(await getUser(c.var.services, userId)), 200);
};

import { z } from "@hono/zod-openapi";
import { asc, count, eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { pageEnvelope, paging } from "../../../domain/paging";
import { defineRoute, filterText, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { presentUser, UserSchema } from "../../../present/user";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/users",
  tags: ["Users"],
  summary: "List Users",
  request: {
    query: z.object({
      email: filterText(191).optional().openapi({ description: "Look up user by email" }),
      ...pagingQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ users: z.array(UserSchema) }), page: PageSchema }),
      "Users sorted by id",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const query = c.req.valid("query");
  const page = paging(query, c.var.config.maxPageSize);
  const where = query.email ? eq(users.email, query.email.trim().toLowerCase()) : undefined;
  const db = c.var.db;
  const [rows, [total]] = await db.batch([
    db.select().from(users).where(where).orderBy(asc(users.id)).limit(page.size).offset(page.offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return c.json(pageEnvelope("users", rows.map(presentUser), total?.n ?? 0, page), 200);
};

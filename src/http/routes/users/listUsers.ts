import { z } from "@hono/zod-openapi";
import { paging } from "../../../domain/paging";
import { listUsers } from "../../../domain/users";
import { defineRoute, filterText, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { pageEnvelope } from "../../../present/page";
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
      "Users, newest first (id descending, as FreeScout)",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const query = c.req.valid("query");
  const page = await listUsers(c.var.services, query, paging(query, c.var.config.maxPageSize));
  return c.json(pageEnvelope("users", page.rows.map(presentUser), page.total, page.paging), 200);
};

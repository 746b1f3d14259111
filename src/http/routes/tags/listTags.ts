import { z } from "@hono/zod-openapi";
import { paging } from "../../../domain/paging";
import { listTags } from "../../../domain/tags";
import { defineRoute, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { pageEnvelope } from "../../../present/page";
import { presentTag, TagSchema } from "../../../present/tag";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/tags",
  tags: ["Tags"],
  summary: "List Tags",
  description: "Tags sorted by id.",
  request: {
    query: z.object({
      conversationId: z.coerce.number().int().optional().openapi({ description: "Only tags of this conversation" }),
      ...pagingQuery,
    }),
  },
  responses: {
    200: jsonContent(z.object({ _embedded: z.object({ tags: z.array(TagSchema) }), page: PageSchema }), "Tags"),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const query = c.req.valid("query");
  const page = await listTags(c.var.services, query, paging(query, c.var.config.maxPageSize));
  return c.json(pageEnvelope("tags", page.rows.map(presentTag), page.total, page.paging), 200);
};

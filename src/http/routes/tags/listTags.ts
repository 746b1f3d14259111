import { z } from "@hono/zod-openapi";
import { asc, count, eq, inArray } from "drizzle-orm";
import { conversationTags, tags } from "../../../db/schema";
import { paging } from "../../../domain/paging";
import { pageEnvelope } from "../../../present/page";
import { defineRoute, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
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
  const page = paging(query, c.var.config.maxPageSize);
  const db = c.var.db;
  const where =
    query.conversationId === undefined
      ? undefined
      : inArray(
          tags.id,
          db
            .select({ id: conversationTags.tagId })
            .from(conversationTags)
            .where(eq(conversationTags.conversationId, query.conversationId)),
        );
  const [rows, [total]] = await db.batch([
    db.select().from(tags).where(where).orderBy(asc(tags.id)).limit(page.size).offset(page.offset),
    db.select({ n: count() }).from(tags).where(where),
  ]);
  return c.json(pageEnvelope("tags", rows.map(presentTag), total?.n ?? 0, page), 200);
};

import { z } from "@hono/zod-openapi";
import { count, desc, eq } from "drizzle-orm";
import { conversations, timelogs } from "../../../db/schema";
import { paging } from "../../../domain/paging";
import { notFound } from "../../../lib/errors";
import { defineRoute, idParam, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { presentTimelog, TimelogSchema } from "../../../present/conversation";
import { pageEnvelope } from "../../../present/page";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/conversations/{conversationId}/timelogs",
  tags: ["Timelogs"],
  summary: "List Conversation Timelogs",
  description: "Time Tracking module timelogs of a conversation, newest first.",
  request: { params: z.object({ conversationId: idParam("conversationId") }), query: z.object(pagingQuery) },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ timelogs: z.array(TimelogSchema) }), page: PageSchema }),
      "Timelogs",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId } = c.req.valid("param");
  const page = paging(c.req.valid("query"), c.var.config.maxPageSize);
  const db = c.var.db;
  const [found, rows, [total]] = await db.batch([
    db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, conversationId)),
    db
      .select()
      .from(timelogs)
      .where(eq(timelogs.conversationId, conversationId))
      .orderBy(desc(timelogs.createdAt), desc(timelogs.id))
      .limit(page.size)
      .offset(page.offset),
    db.select({ n: count() }).from(timelogs).where(eq(timelogs.conversationId, conversationId)),
  ]);
  if (!found[0]) throw notFound("conversationId", conversationId);
  return c.json(pageEnvelope("timelogs", rows.map(presentTimelog), total?.n ?? 0, page), 200);
};

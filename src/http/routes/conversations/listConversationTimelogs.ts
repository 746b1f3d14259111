import { z } from "@hono/zod-openapi";
import { listTimelogs } from "../../../domain/conversations/timelogs";
import { paging } from "../../../domain/paging";
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
  const list = await listTimelogs(c.var.services, { conversationId, page });
  return c.json(pageEnvelope("timelogs", list.rows.map(presentTimelog), list.total, list.paging), 200);
};

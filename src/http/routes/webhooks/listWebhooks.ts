import { z } from "@hono/zod-openapi";
import { asc, count } from "drizzle-orm";
import { webhooks } from "../../../db/schema";
import { paging } from "../../../domain/paging";
import { pageEnvelope } from "../../../present/page";
import { defineRoute, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { presentWebhook, WebhookSchema } from "../../../present/webhook";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/webhooks",
  tags: ["Extensions"],
  summary: "List Webhooks (extension)",
  description: "Webhooks sorted by id, as newer FreeScout versions list them.",
  request: { query: z.object(pagingQuery) },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ webhooks: z.array(WebhookSchema) }), page: PageSchema }),
      "Webhooks",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const page = paging(c.req.valid("query"), c.var.config.maxPageSize);
  const db = c.var.db;
  const [rows, [total]] = await db.batch([
    db.select().from(webhooks).orderBy(asc(webhooks.id)).limit(page.size).offset(page.offset),
    db.select({ n: count() }).from(webhooks),
  ]);
  return c.json(pageEnvelope("webhooks", rows.map(presentWebhook), total?.n ?? 0, page), 200);
};

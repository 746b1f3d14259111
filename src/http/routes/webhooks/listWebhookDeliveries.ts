import { z } from "@hono/zod-openapi";
import { count, desc, eq } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "../../../db/schema";
import { paging } from "../../../domain/paging";
import { pageEnvelope } from "../../../present/page";
import { notFound } from "../../../lib/errors";
import { defineRoute, idParam, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { DeliverySchema, presentDelivery } from "../../../present/webhook";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/webhooks/{webhookId}/deliveries",
  tags: ["Extensions"],
  summary: "List Webhook Deliveries (extension)",
  description: "The delivery log, newest first: one entry per attempt, kept for 3 days.",
  request: { params: z.object({ webhookId: idParam("webhookId") }), query: z.object(pagingQuery) },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ deliveries: z.array(DeliverySchema) }), page: PageSchema }),
      "Deliveries",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const { webhookId } = c.req.valid("param");
  const page = paging(c.req.valid("query"), c.var.config.maxPageSize);
  const db = c.var.db;
  const where = eq(webhookDeliveries.webhookId, webhookId);
  const [found, rows, [total]] = await db.batch([
    db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, webhookId)),
    db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(page.size)
      .offset(page.offset),
    db.select({ n: count() }).from(webhookDeliveries).where(where),
  ]);
  if (!found[0]) throw notFound("webhookId", webhookId);
  return c.json(pageEnvelope("deliveries", rows.map(presentDelivery), total?.n ?? 0, page), 200);
};

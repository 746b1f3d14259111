import { z } from "@hono/zod-openapi";
import { paging } from "../../../domain/paging";
import { listDeliveries } from "../../../domain/webhooks/deliveries";
import { defineRoute, idParam, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { pageEnvelope } from "../../../present/page";
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
  const page = await listDeliveries(c.var.services, webhookId, paging(c.req.valid("query"), c.var.config.maxPageSize));
  return c.json(pageEnvelope("deliveries", page.rows.map(presentDelivery), page.total, page.paging), 200);
};

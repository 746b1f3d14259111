import { z } from "@hono/zod-openapi";
import { pingWebhook } from "../../../domain/webhooks/redelivery";
import { defineRoute, idParam, jsonContent } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "post",
  path: "/api/webhooks/{webhookId}/ping",
  tags: ["Extensions"],
  summary: "Ping Webhook (extension)",
  description:
    "Queues a test delivery: event `webhook.ping`, body `{event, webhookId, deliveryId, sentAt}`, signed, retried and logged as any delivery; sent whatever the webhook subscribes to and also while it is disabled.",
  request: { params: z.object({ webhookId: idParam("webhookId") }) },
  responses: {
    202: jsonContent(z.object({ deliveryId: z.string() }).openapi("QueuedDelivery"), "Queued; see the delivery log"),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  return c.json(await pingWebhook(c.var.services, c.req.valid("param").webhookId), 202);
};

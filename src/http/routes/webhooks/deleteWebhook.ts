import { z } from "@hono/zod-openapi";
import { deleteWebhook } from "../../../domain/webhooks/subscriptions";
import { defineRoute, idParam } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "delete",
  path: "/api/webhooks/{webhookId}",
  tags: ["Webhooks"],
  summary: "Delete Webhook",
  description: "Deliveries still waiting on the queue are dropped, not sent.",
  request: { params: z.object({ webhookId: idParam("webhookId") }) },
  responses: { 204: { description: "Deleted" } },
});

export const handler: Handler<typeof route> = async (c) => {
  await deleteWebhook(c.var.services, c.req.valid("param").webhookId);
  return c.body(null, 204);
};

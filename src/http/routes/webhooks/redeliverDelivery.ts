import { z } from "@hono/zod-openapi";
import { redeliverOne } from "../../../domain/webhooks/redelivery";
import { defineRoute, idParam, jsonContent } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "post",
  path: "/api/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver",
  tags: ["Extensions"],
  summary: "Redeliver Webhook Delivery (extension)",
  description:
    "Queues one logged delivery again, with the same body and delivery id (receivers de-duplicate by `webhook-id`), while the log still has it (3 days).",
  request: {
    params: z.object({
      webhookId: idParam("webhookId"),
      deliveryId: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: "deliveryId", in: "path" } }),
    }),
  },
  responses: { 202: jsonContent(z.object({ deliveryId: z.string() }), "Queued") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { webhookId, deliveryId } = c.req.valid("param");
  return c.json(await redeliverOne(c.var.services, webhookId, deliveryId), 202);
};

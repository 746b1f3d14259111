import { z } from "@hono/zod-openapi";
import { REDELIVER_LIMIT, redeliverDeadLetters } from "../../../domain/webhooks/redelivery";
import { defineRoute, idParam, jsonContent } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "post",
  path: "/api/webhooks/{webhookId}/redeliver-failed",
  tags: ["Extensions"],
  summary: "Redeliver Failed Webhook Deliveries (extension)",
  description: `Queues again every dead-lettered delivery of the webhook (failed for good, or not sent while it was disabled) not yet sent again, up to ${REDELIVER_LIMIT} per call, oldest first: call again while \`remaining\` is true.`,
  request: { params: z.object({ webhookId: idParam("webhookId") }) },
  responses: {
    202: jsonContent(
      z
        .object({
          queued: z.array(z.string()).openapi({ description: "Delivery ids queued again" }),
          expired: z.array(z.string()).openapi({ description: "Dead letters whose body has left the log" }),
          remaining: z.boolean(),
        })
        .openapi("Redelivery"),
      "Queued",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  return c.json(await redeliverDeadLetters(c.var.services, c.req.valid("param").webhookId), 202);
};

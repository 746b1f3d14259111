import { z } from "@hono/zod-openapi";
import { updateWebhook } from "../../../domain/webhooks/subscriptions";
import { defineRoute, idParam, jsonBody, jsonContent } from "../../../lib/openapi";
import { presentWebhook, WebhookSchema, WebhookWithSecretSchema } from "../../../present/webhook";
import type { Handler } from "../types";
import { eventsField, mailboxesField, urlField } from "./schemas";

export const UpdateWebhookBody = z
  .object({
    url: urlField.optional(),
    events: eventsField.optional(),
    mailboxes: mailboxesField.optional(),
    enabled: z.boolean().optional().openapi({
      description: "false turns it off; true turns it on again and clears the run of failures that disabled it",
    }),
    rotateSecret: z.boolean().optional().openapi({
      description: "true: a new own signing secret, answered once as `secret`; the old one stops signing at once",
    }),
  })
  .openapi("UpdateWebhook");

export const route = defineRoute({
  method: "put",
  path: "/api/webhooks/{webhookId}",
  tags: ["Extensions"],
  summary: "Update Webhook (extension)",
  description:
    "Changes the given fields only. Deliveries already queued go to the new URL; a disabled webhook's events are logged as dead letters, which `POST /api/webhooks/{webhookId}/redeliver-failed` sends once it is enabled again.",
  request: { params: z.object({ webhookId: idParam("webhookId") }), body: jsonBody(UpdateWebhookBody) },
  responses: {
    200: jsonContent(
      z.union([WebhookWithSecretSchema, WebhookSchema]),
      "The webhook as it is now (with `secret` when rotated)",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const { webhook, secret } = await updateWebhook(c.var.services, c.req.valid("param").webhookId, c.req.valid("json"));
  return c.json(secret === undefined ? presentWebhook(webhook) : { ...presentWebhook(webhook), secret }, 200);
};

import { z } from "@hono/zod-openapi";
import { createWebhook } from "../../../domain/webhooks/subscriptions";
import { defineRoute, jsonBody, jsonContent } from "../../../lib/openapi";
import { presentWebhook, WebhookWithSecretSchema } from "../../../present/webhook";
import { createdHeaders, type Handler } from "../types";
import { eventsField, mailboxesField, urlField } from "./schemas";

export const CreateWebhookBody = z
  .object({ url: urlField, events: eventsField, mailboxes: mailboxesField.optional() })
  .openapi("CreateWebhook");

export const route = defineRoute({
  method: "post",
  path: "/api/webhooks",
  tags: ["Webhooks"],
  summary: "Create Webhook",
  description:
    "Deliveries are POSTed as JSON, signed with `X-FreeScout-Signature` (base64 HMAC-SHA1 of the body, keyed with the installation's secret, as FreeScout signs) and Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature` keyed with the webhook's own secret, answered once here as `secret`), and retried up to 10 attempts over about 2 hours.",
  request: { body: jsonBody(CreateWebhookBody) },
  responses: { 201: jsonContent(WebhookWithSecretSchema, "The created webhook, with its secret (shown only now)") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { webhook, secret } = await createWebhook(c.var.services, c.req.valid("json"));
  return c.json({ ...presentWebhook(webhook), secret }, 201, createdHeaders(c.req.url, "/api/webhooks", webhook.id));
};

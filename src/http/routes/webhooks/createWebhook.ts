import { z } from "@hono/zod-openapi";
import { webhooks } from "../../../db/schema";
import { nowSeconds } from "../../../lib/dates";
import { invalidField } from "../../../lib/errors";
import { defineRoute, jsonBody, jsonContent } from "../../../lib/openapi";
import { checkOutboundUrl } from "../../../lib/outboundUrl";
import { webhookEvents } from "../../../lib/vocabulary";
import { presentWebhook, WebhookSchema } from "../../../present/webhook";
import { createdHeaders, type Handler } from "../types";

export const CreateWebhookBody = z
  .object({
    url: z.string().max(2048).openapi({
      description: "http(s) URL called when a subscribed event happens",
      example: "https://example.org/freescout",
    }),
    events: z
      .array(z.enum(webhookEvents))
      .min(1)
      .max(webhookEvents.length)
      .transform((events) => [...new Set(events)])
      .openapi({ description: "Events to send", example: ["convo.created"] }),
  })
  .openapi("CreateWebhook");

export const route = defineRoute({
  method: "post",
  path: "/api/webhooks",
  tags: ["Webhooks"],
  summary: "Create Webhook",
  description:
    "Deliveries are POSTed as JSON, signed with `X-FreeScout-Signature` (base64 HMAC-SHA1 of the body) and Standard Webhooks headers, and retried up to 10 attempts over about 2 hours.",
  request: { body: jsonBody(CreateWebhookBody) },
  responses: { 201: jsonContent(WebhookSchema, "The created webhook") },
});

export const handler: Handler<typeof route> = async (c) => {
  const input = c.req.valid("json");
  const checked = checkOutboundUrl(input.url, { allowPrivateNetworks: c.var.config.allowPrivateNetworks });
  if (!checked.ok) throw invalidField("url", `URL refused: ${checked.reason}`, input.url);
  const now = nowSeconds();
  const [row] = await c.var.db
    .insert(webhooks)
    .values({ url: checked.url.toString(), events: input.events, createdAt: now, updatedAt: now })
    .returning();
  return c.json(presentWebhook(row!), 201, createdHeaders(c.req.url, "/api/webhooks", row!.id));
};

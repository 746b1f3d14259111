import { z } from "@hono/zod-openapi";
import { createWebhook } from "../../../domain/webhooks/subscriptions";
import { defineRoute, jsonBody, jsonContent } from "../../../lib/openapi";
import { type WebhookEvent, webhookEvents } from "../../../lib/vocabulary";
import { presentWebhook, WebhookSchema } from "../../../present/webhook";
import { createdHeaders, type Handler } from "../types";

const isWebhookEvent = (name: string): name is WebhookEvent => (webhookEvents as readonly string[]).includes(name);

export const CreateWebhookBody = z
  .object({
    url: z.string().max(2048).openapi({
      description: "http(s) URL called when a subscribed event happens",
      example: "https://example.org/freescout",
    }),
    events: z
      .union([z.array(z.string().max(100)).max(100), z.string().max(2000)])
      .transform((given, ctx) => {
        // FreeScout's module: a list or a comma-separated string; unknown events are dropped.
        const names = (typeof given === "string" ? given.split(",") : given).map((name) => name.trim());
        const known = [...new Set(names.filter((name): name is WebhookEvent => isWebhookEvent(name)))];
        if (known.length === 0) ctx.addIssue({ code: "custom", message: "No known event given", input: given });
        return known;
      })
      .openapi({
        description:
          "Events to send: a list or a comma-separated string; unknown events are dropped (400 if none is left)",
        example: ["convo.created"],
      }),
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
  const { webhook } = await createWebhook(c.var.services, c.req.valid("json"));
  return c.json(presentWebhook(webhook), 201, createdHeaders(c.req.url, "/api/webhooks", webhook.id));
};

/** Body fields Create Webhook and Update Webhook share. */
import { z } from "@hono/zod-openapi";
import { subscribableEvents, type WebhookEvent } from "../../../lib/vocabulary";

const isWebhookEvent = (name: string): name is WebhookEvent => (subscribableEvents as readonly string[]).includes(name);

export const eventsField = z
  .union([z.array(z.string().max(100)).max(100), z.string().max(2000)])
  .transform((given, ctx) => {
    // FreeScout's module: a list or a comma-separated string; unknown events are dropped.
    const names = (typeof given === "string" ? given.split(",") : given).map((name) => name.trim());
    const known = [...new Set(names.filter((name): name is WebhookEvent => isWebhookEvent(name)))];
    if (known.length === 0) ctx.addIssue({ code: "custom", message: "No known event given", input: given });
    return known;
  })
  .openapi({
    description: `Events to send: a list or a comma-separated string; unknown events are dropped (400 if none is left). FreeScout's: ${subscribableEvents.slice(0, 12).join(", ")}. Extensions, sent only to webhooks that name them: convo.updated (subject or customer changed), convo.tags, convo.custom_fields, convo.thread.updated, convo.thread.deleted, convo.mail.failed (an outgoing email failed for good), customer.deleted (payload: id, erasedAt, conversations)`,
    example: ["convo.created"],
  });

export const urlField = z.string().max(2048).openapi({
  description: "http(s) URL called when a subscribed event happens",
  example: "https://example.org/freescout",
});

export const mailboxesField = z
  .array(z.coerce.number().int().positive())
  .max(100)
  .openapi({
    description:
      "Extension: only events of conversations in these mailboxes (their mailbox after the change) are sent; customer events go to every webhook. Empty or absent: every mailbox",
    example: [1],
  });

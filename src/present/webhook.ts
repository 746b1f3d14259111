import { z } from "@hono/zod-openapi";
import type { webhookDeliveries, webhooks } from "../db/schema";
import { toIso } from "../lib/dates";
import { IsoDate } from "../lib/openapi";
import { subscribableEvents } from "../lib/vocabulary";

export const WebhookSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    events: z.array(z.enum(subscribableEvents)),
    mailboxes: z.array(z.number().int()).openapi({
      description: "Extension: only events of conversations in these mailboxes are sent; empty: every mailbox",
    }),
    enabled: z.boolean().openapi({
      description: "Extension: false when turned off through the API or after a long run of failed deliveries",
    }),
    disabledReason: z.string().nullable().openapi({ description: "Extension: why it is disabled; null when enabled" }),
    disabledAt: IsoDate.nullable().openapi({ description: "Extension: when it was disabled" }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
    lastRunTime: IsoDate.nullable().openapi({
      description: "When the newest logged delivery attempt was made (the log is kept 3 days); null: none",
    }),
    lastRunError: z
      .string()
      .openapi({ description: 'Error of the newest logged attempt; "" when it succeeded or none' }),
  })
  .openapi("Webhook");

type WebhookRow = typeof webhooks.$inferSelect & { lastRunAt: number | null; lastRunError: string | null };

export const presentWebhook = (row: WebhookRow): z.infer<typeof WebhookSchema> => ({
  id: row.id,
  url: row.url,
  events: row.events,
  mailboxes: row.mailboxes,
  enabled: row.enabled,
  disabledReason: row.enabled ? null : (row.disabledReason ?? "Disabled"),
  disabledAt: row.enabled || row.disabledAt === null ? null : toIso(row.disabledAt),
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
  lastRunTime: row.lastRunAt === null ? null : toIso(row.lastRunAt),
  lastRunError: row.lastRunError ?? "",
});

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    description:
      "Extension: the webhook's own signing secret (Standard Webhooks `whsec_` format), shown only now. It keys the `webhook-signature` header; `X-FreeScout-Signature` stays keyed with the installation's secret, as FreeScout receivers expect",
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  }),
}).openapi("WebhookWithSecret");

export const DeliverySchema = z
  .object({
    id: z.number().int(),
    deliveryId: z.string(),
    event: z.string(),
    attempt: z.number().int(),
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    error: z.string().nullable(),
    deadLettered: z.boolean(),
    createdAt: IsoDate,
  })
  .openapi("WebhookDelivery");

export const presentDelivery = (row: typeof webhookDeliveries.$inferSelect): z.infer<typeof DeliverySchema> => ({
  id: row.id,
  deliveryId: row.deliveryId,
  event: row.event,
  attempt: row.attempt,
  statusCode: row.statusCode,
  durationMs: row.durationMs,
  error: row.error,
  deadLettered: row.deadLettered,
  createdAt: toIso(row.createdAt),
});

import { z } from "@hono/zod-openapi";
import type { webhookDeliveries, webhooks } from "../db/schema";
import { toIso } from "../lib/dates";
import { IsoDate } from "../lib/openapi";
import { webhookEvents } from "../lib/vocabulary";

export const WebhookSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    events: z.array(z.enum(webhookEvents)),
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
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
  lastRunTime: row.lastRunAt === null ? null : toIso(row.lastRunAt),
  lastRunError: row.lastRunError ?? "",
});

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

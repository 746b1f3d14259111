/** The Worker's entry points: HTTP, the webhook delivery queue and the hourly cron. */
import { runScheduled } from "./cron/scheduled";
import type { WebhookMessage } from "./domain/webhooks/message";
import { createApp } from "./http/app";
import { handleWebhookBatch } from "./queues/webhookDeliveries";
import { createServices } from "./services";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env, ctx) => handleWebhookBatch(batch, createServices(env, ctx)),
  scheduled: (controller, env, ctx) => runScheduled(createServices(env, ctx), controller.scheduledTime),
} satisfies ExportedHandler<Env, WebhookMessage>;

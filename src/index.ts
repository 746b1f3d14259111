/** The Worker's entry points: HTTP, the webhook delivery queue, the hourly cron and incoming email. */
import { runScheduled } from "./cron/scheduled";
import type { WebhookMessage } from "./domain/webhooks/message";
import { handleEmail } from "./email/handler";
import { createApp } from "./http/app";
import { handleWebhookBatch } from "./queues/webhookDeliveries";
import { createServices } from "./services";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env, ctx) => handleWebhookBatch(batch, createServices(env, ctx)),
  scheduled: (controller, env, ctx) => runScheduled(createServices(env, ctx), controller.scheduledTime),
  email: async (message, env, ctx) => {
    await handleEmail(message, createServices(env, ctx));
  },
} satisfies ExportedHandler<Env, WebhookMessage>;

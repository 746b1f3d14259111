/** The Worker's entry points: HTTP, the webhook and outgoing-mail queues, the hourly cron and incoming email. */
import { runScheduled } from "./cron/scheduled";
import type { OutgoingMail } from "./domain/mail/outgoing/message";
import type { WebhookMessage } from "./domain/webhooks/message";
import { handleEmail } from "./email/handler";
import { createApp } from "./http/app";
import { handleMailBatch, MAIL_QUEUE_NAME } from "./queues/outgoingMail";
import { handleWebhookBatch } from "./queues/webhookDeliveries";
import { createServices } from "./services";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env, ctx) =>
    batch.queue === MAIL_QUEUE_NAME
      ? handleMailBatch(batch as MessageBatch<OutgoingMail>, createServices(env, ctx))
      : handleWebhookBatch(batch as MessageBatch<WebhookMessage>, createServices(env, ctx)),
  scheduled: (controller, env, ctx) => runScheduled(createServices(env, ctx), controller.scheduledTime),
  email: async (message, env, ctx) => {
    await handleEmail(message, createServices(env, ctx));
  },
} satisfies ExportedHandler<Env, WebhookMessage | OutgoingMail>;

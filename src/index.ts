import { createApp } from "./app";
import { sweepOrphanAttachments } from "./attachments/orphans";
import { createDb } from "./db/client";
import type { WebhookMessage } from "./webhooks/message";
import { handleWebhookBatch } from "./webhooks/consumer";
import { pruneDeliveryLog } from "./webhooks/retention";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleWebhookBatch(batch, env),
  scheduled: async (controller, env) => {
    const db = createDb(env.DB);
    await Promise.all([
      pruneDeliveryLog(db, Math.floor(controller.scheduledTime / 1000)),
      sweepOrphanAttachments(env, db, controller.scheduledTime),
    ]);
  },
} satisfies ExportedHandler<Env, WebhookMessage>;

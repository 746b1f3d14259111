/**
 * The queue consumer: hands each message to the domain to deliver, then acknowledges it if
 * it was delivered (or its webhook is gone) and retries it otherwise, with growing delays;
 * after the last attempt the platform moves the message to the dead-letter queue. Each
 * message is acknowledged or retried on its own, so a crash re-delivers only the
 * unacknowledged ones. Without the signing secret nothing is sent (never unsigned): the batch
 * waits for the next retry, and the dead-letter queue keeps what outlives the attempts.
 */
import { deliver, forgetBodies } from "../domain/webhooks/deliveries";
import type { WebhookMessage } from "../domain/webhooks/message";
import type { Services } from "../services";

let missingSecretLogged = false;

export async function handleWebhookBatch(batch: MessageBatch<WebhookMessage>, services: Services): Promise<void> {
  const delays = services.config.webhookRetryDelays;
  const retryDelay = (attempts: number) => delays[Math.min(attempts, delays.length) - 1] ?? 0;
  if (!services.secrets.webhook) {
    if (!missingSecretLogged)
      console.error("WEBHOOK_SECRET is not set: webhook deliveries wait for it (wrangler secret put WEBHOOK_SECRET)");
    missingSecretLogged = true;
    for (const message of batch.messages) message.retry({ delaySeconds: retryDelay(message.attempts) });
    return;
  }
  const maxAttempts = delays.length + 1;
  const { outcomes, finishedBodies } = await deliver(
    services,
    batch.messages.map((message) => ({
      message: message.body,
      attempt: message.attempts,
      last: message.attempts >= maxAttempts,
    })),
  );
  batch.messages.forEach((message, i) => {
    if (outcomes[i] === "failed") {
      message.retry({ delaySeconds: retryDelay(message.attempts) });
    } else message.ack();
  });
  await forgetBodies(services, finishedBodies);
}

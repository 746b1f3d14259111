/**
 * The queue consumer: hands each message to the domain to deliver, then acknowledges it if
 * it was delivered (or its webhook is gone) and retries it otherwise, with growing delays;
 * after the last attempt the platform moves the message to the dead-letter queue. Each
 * message is acknowledged or retried on its own, so a crash re-delivers only the
 * unacknowledged ones.
 */
import { deliver, forgetBodies } from "../domain/webhooks/deliveries";
import type { WebhookMessage } from "../domain/webhooks/message";
import type { Services } from "../services";

export async function handleWebhookBatch(batch: MessageBatch<WebhookMessage>, services: Services): Promise<void> {
  const delays = services.config.webhookRetryDelays;
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
      message.retry({ delaySeconds: delays[Math.min(message.attempts, delays.length) - 1] ?? 0 });
    } else message.ack();
  });
  await forgetBodies(services, finishedBodies);
}

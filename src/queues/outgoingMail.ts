/**
 * The outgoing-mail queue's consumer: hands each message to the domain to send and
 * acknowledges it when it is settled (sent, or recorded as not sent / failed), or retries it
 * with the growing delays of MAIL_RETRY_DELAYS after a transient failure. After the last
 * attempt the reply is recorded as failed and the message is retried once more, so the
 * platform moves it to the dead-letter queue (freescout-mail-dlq). An unexpected error
 * (D1 unreachable) retries that message only.
 */
import { deliverMail } from "../domain/mail/outgoing/deliver";
import type { OutgoingMail } from "../domain/mail/outgoing/message";
import { publish } from "../domain/publish";
import type { Services } from "../services";

/** The outgoing-mail queue's name in wrangler.toml; src/index.ts routes its batches here. */
export const MAIL_QUEUE_NAME = "freescout-mail";

export async function handleMailBatch(batch: MessageBatch<OutgoingMail>, services: Services): Promise<void> {
  const delays = services.config.mailRetryDelays;
  const maxAttempts = delays.length + 1;
  const retryDelay = (attempts: number) => delays[Math.min(attempts, delays.length) - 1] ?? 0;
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        const { outcome, events } = await deliverMail(services, message.body, {
          last: message.attempts >= maxAttempts,
        });
        publish(services, { events });
        if (outcome === "done") message.ack();
        else message.retry({ delaySeconds: retryDelay(message.attempts) });
      } catch (error) {
        console.error("outgoing mail: attempt not finished", error);
        message.retry({ delaySeconds: retryDelay(message.attempts) });
      }
    }),
  );
}

import { env } from "cloudflare:test";
import { vi } from "vitest";
import type { WebhookMessage } from "../../src/domain/webhooks/message";

/**
 * Keeps what is sent to the webhook queue instead of sending it (until `vi.restoreAllMocks()`),
 * and answers the list the messages arrive in.
 */
export function captureWebhookMessages(): WebhookMessage[] {
  const sent: WebhookMessage[] = [];
  vi.spyOn(env.WEBHOOK_QUEUE, "sendBatch").mockImplementation(async (messages) => {
    for (const message of messages) sent.push(message.body as WebhookMessage);
    return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
  });
  return sent;
}

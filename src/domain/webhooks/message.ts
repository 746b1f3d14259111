import type { DeliveredEvent } from "../../lib/vocabulary";

/** One delivery of one event to one webhook, as it travels on the queue. */
export interface WebhookMessage {
  webhookId: number;
  event: DeliveredEvent;
  /** Stable across retries; receivers de-duplicate by it. */
  deliveryId: string;
  /** The exact JSON body to send (and sign), captured when the event happened... */
  body?: string;
  /** ...or, when too large for a queue message, the R2 key it was stored under. */
  bodyKey?: string;
  occurredAt: number;
}

/** Queue messages carry at most 128 KB; larger bodies wait in R2. */
export const MAX_INLINE_BODY_BYTES = 100 * 1024;

export const payloadKey = (deliveryId: string) => `webhook-payloads/${deliveryId}`;

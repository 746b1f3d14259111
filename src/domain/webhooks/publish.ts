/**
 * Event fan-out. After a change is committed, the request enqueues one message per
 * (subscribed webhook, event) in one `sendBatch`, in the background: a response never waits
 * for a receiver, and a failure to enqueue is logged, never shown to the client.
 */
import { webhooks } from "../../db/schema";
import type { WebhookEvent } from "../../lib/vocabulary";
import type { Services } from "../../services";
import { MAX_INLINE_BODY_BYTES, payloadKey, type WebhookMessage } from "./message";

export interface DomainEvent {
  event: WebhookEvent;
  /** The entity as the API returns it; a function is called only if some webhook subscribes. */
  payload: unknown | (() => Promise<unknown>);
}

/** Queues take at most 100 messages and 256 KB per sendBatch. */
const SEND_BATCH_MESSAGES = 100;
const SEND_BATCH_BYTES = 240 * 1024;

export function publishEvents(services: Services, events: DomainEvent[]): void {
  if (events.length === 0) return;
  services.background(
    enqueueEvents(services, events).catch((error) => console.error("webhook events not enqueued", error)),
  );
}

export async function enqueueEvents(
  { db, storage, queues }: Pick<Services, "db" | "storage" | "queues">,
  events: DomainEvent[],
): Promise<number> {
  // Disabled webhooks too: the consumer logs their events as dead letters, to send once enabled again.
  const subscribers = await db
    .select({ id: webhooks.id, events: webhooks.events, mailboxes: webhooks.mailboxes })
    .from(webhooks);
  const occurredAt = Date.now();
  const messages: WebhookMessage[] = [];
  // Events of one change often share one payload: read it once.
  const resolved = new Map<unknown, Promise<unknown>>();
  const payloadValue = (payload: DomainEvent["payload"]) => {
    if (typeof payload !== "function") return Promise.resolve(payload);
    let value = resolved.get(payload);
    if (!value) {
      value = (payload as () => Promise<unknown>)();
      resolved.set(payload, value);
    }
    return value;
  };
  for (const { event, payload } of events) {
    const subscribed = subscribers.filter((webhook) => webhook.events.includes(event));
    if (subscribed.length === 0) continue;
    const value = await payloadValue(payload);
    if (value === null || value === undefined) continue;
    const targets = subscribed.filter((webhook) => inMailboxes(webhook.mailboxes, value));
    if (targets.length === 0) continue;
    const body = JSON.stringify(value);
    for (const webhook of targets) {
      const deliveryId = crypto.randomUUID();
      if (new TextEncoder().encode(body).byteLength <= MAX_INLINE_BODY_BYTES) {
        messages.push({ webhookId: webhook.id, event, deliveryId, body, occurredAt });
      } else {
        await storage.put(payloadKey(deliveryId), body, { httpMetadata: { contentType: "application/json" } });
        messages.push({ webhookId: webhook.id, event, deliveryId, bodyKey: payloadKey(deliveryId), occurredAt });
      }
    }
  }
  for (const chunk of chunks(messages)) {
    await queues.webhooks.sendBatch(chunk.map((body) => ({ body, contentType: "json" })));
  }
  return messages.length;
}

/**
 * A webhook with a mailbox filter gets the events of conversations in those mailboxes (the
 * conversation's mailbox after the change: convo.moved goes to the new mailbox's webhooks);
 * events about no conversation (customers) go to every subscriber.
 */
function inMailboxes(filter: number[], payload: unknown): boolean {
  if (filter.length === 0) return true;
  const mailboxId = (payload as { mailboxId?: unknown }).mailboxId;
  return typeof mailboxId !== "number" || filter.includes(mailboxId);
}

export function* chunks(messages: WebhookMessage[]) {
  let chunk: WebhookMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = JSON.stringify(message).length + 100;
    if (chunk.length && (chunk.length >= SEND_BATCH_MESSAGES || bytes + size > SEND_BATCH_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length) yield chunk;
}

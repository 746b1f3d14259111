/**
 * Sending again what a receiver missed, and a test delivery. Each goes through the same queue
 * and consumer as events (signed, retried, logged). A delivery sent again keeps its delivery
 * id, so a receiver that did get it after all can tell it is a duplicate.
 */
import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "../../db/schema";
import { ApiError, notFound } from "../../lib/errors";
import { PING_EVENT } from "../../lib/vocabulary";
import type { Services } from "../../services";
import { namedBatch } from "../batch";
import type { WebhookMessage } from "./message";
import { chunks } from "./publish";

type Deps = Pick<Services, "db" | "queues" | "clock">;

/** Dead letters sent again per request; `remaining` says whether to ask again. */
export const REDELIVER_LIMIT = 100;

async function enqueue({ queues }: Pick<Services, "queues">, messages: WebhookMessage[]) {
  try {
    for (const chunk of chunks(messages)) {
      await queues.webhooks.sendBatch(chunk.map((body) => ({ body, contentType: "json" as const })));
    }
  } catch (error) {
    console.error("webhook re-delivery not queued", error);
    throw new ApiError(503, [
      { path: "webhookId", message: "The delivery queue did not take the message; try again", source: "PATH" },
    ]);
  }
}

/** A `webhook.ping` delivery to this webhook, whatever it subscribes to and even when disabled. */
export async function pingWebhook(services: Deps, webhookId: number) {
  const [found] = await services.db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, webhookId));
  if (!found) throw notFound("webhookId", webhookId);
  const deliveryId = crypto.randomUUID();
  const sentAt = new Date(services.clock.seconds() * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const body = JSON.stringify({ event: PING_EVENT, webhookId, deliveryId, sentAt });
  await enqueue(services, [{ webhookId, event: PING_EVENT, deliveryId, body, occurredAt: Date.now() }]);
  return { deliveryId };
}

const firstAttempts = (webhookId: number) =>
  and(
    eq(webhookDeliveries.webhookId, webhookId),
    or(isNotNull(webhookDeliveries.body), isNotNull(webhookDeliveries.bodyKey)),
  );

const asMessage = (row: {
  webhookId: number;
  deliveryId: string;
  event: string;
  body: string | null;
  bodyKey: string | null;
}) =>
  ({
    webhookId: row.webhookId,
    event: row.event as WebhookMessage["event"],
    deliveryId: row.deliveryId,
    ...(row.body !== null ? { body: row.body } : { bodyKey: row.bodyKey! }),
    occurredAt: Date.now(),
  }) satisfies WebhookMessage;

const markRedelivered = ({ db, clock }: Pick<Services, "db" | "clock">, webhookId: number, deliveryIds: string[]) =>
  db
    .update(webhookDeliveries)
    .set({ redeliveredAt: clock.seconds() })
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        inArray(webhookDeliveries.deliveryId, deliveryIds),
        eq(webhookDeliveries.deadLettered, true),
        isNull(webhookDeliveries.redeliveredAt),
      ),
    );

/** One logged delivery, sent again (404 once the log no longer has it: 3 days). */
export async function redeliverOne(services: Deps, webhookId: number, deliveryId: string) {
  const { db } = services;
  const { webhook, logged } = await namedBatch(db, {
    webhook: db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, webhookId)),
    logged: db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.deliveryId, deliveryId), firstAttempts(webhookId)))
      .orderBy(desc(webhookDeliveries.id))
      .limit(1),
  });
  if (!webhook[0]) throw notFound("webhookId", webhookId);
  if (!logged[0]) throw notFound("deliveryId", deliveryId);
  await enqueue(services, [asMessage(logged[0])]);
  // After the queue took it: a failure here at worst lets a later dead-letter re-delivery send it once more.
  await markRedelivered(services, webhookId, [deliveryId]).catch((error) =>
    console.error("re-delivery not marked", error),
  );
  return { deliveryId };
}

/**
 * Every dead-lettered delivery of this webhook not yet sent again (up to REDELIVER_LIMIT per
 * call, oldest first). Deliveries whose body left the log with it are counted as `expired`.
 */
export async function redeliverDeadLetters(services: Deps, webhookId: number) {
  const { db } = services;
  const dead = and(
    eq(webhookDeliveries.webhookId, webhookId),
    eq(webhookDeliveries.deadLettered, true),
    isNull(webhookDeliveries.redeliveredAt),
  );
  const deadIds = (limit: number) =>
    db
      .select({ deliveryId: webhookDeliveries.deliveryId })
      .from(webhookDeliveries)
      .where(dead)
      .groupBy(webhookDeliveries.deliveryId)
      .orderBy(sql`min(${webhookDeliveries.id})`)
      .limit(limit);
  const { webhook, ids, bodies } = await namedBatch(db, {
    webhook: db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, webhookId)),
    ids: deadIds(REDELIVER_LIMIT + 1),
    bodies: db
      .select()
      .from(webhookDeliveries)
      .where(and(firstAttempts(webhookId), inArray(webhookDeliveries.deliveryId, deadIds(REDELIVER_LIMIT))))
      .orderBy(webhookDeliveries.deliveryId, desc(webhookDeliveries.id)),
  });
  if (!webhook[0]) throw notFound("webhookId", webhookId);
  const chosen = ids.slice(0, REDELIVER_LIMIT).map((row) => row.deliveryId);
  const latest = new Map<string, (typeof bodies)[number]>();
  for (const row of bodies) if (!latest.has(row.deliveryId)) latest.set(row.deliveryId, row);
  const messages = chosen.flatMap((id) => {
    const row = latest.get(id);
    return row ? [asMessage(row)] : [];
  });
  if (messages.length) await enqueue(services, messages);
  if (chosen.length) {
    await markRedelivered(services, webhookId, chosen).catch((error) => console.error("re-delivery not marked", error));
  }
  return {
    queued: messages.map((message) => message.deliveryId),
    expired: chosen.filter((id) => !latest.has(id)),
    remaining: ids.length > REDELIVER_LIMIT,
  };
}

/**
 * Delivering one queued event to its webhook: a signed POST, the attempt logged. Whether a
 * failed attempt is retried, and when, is the queue consumer's business.
 */
import { count, desc, eq } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "../../db/schema";
import { insertChunks } from "../../db/sql";
import { notFound } from "../../lib/errors";
import { checkOutboundUrl } from "../../lib/outboundUrl";
import type { Services } from "../../services";
import { listPage, type Paging } from "../paging";
import type { WebhookMessage } from "./message";
import { freescoutSignature, standardSignature } from "./signing";
import { webhookUrls } from "./subscriptions";

/** The delivery log of one webhook, newest first. */
export async function listDeliveries({ db }: Pick<Services, "db">, webhookId: number, page: Paging) {
  const where = eq(webhookDeliveries.webhookId, webhookId);
  const result = await listPage(db, page, {
    webhook: db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, webhookId)),
    rows: db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)),
    total: db.select({ n: count() }).from(webhookDeliveries).where(where),
  });
  if (!result.webhook[0]) throw notFound("webhookId", webhookId);
  return result;
}

interface Attempt {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

type SendDeps = Pick<Services, "config" | "secrets" | "clock">;

/** POSTs the body, signed; any answer but a 2xx (redirects included) is a failed attempt. */
export async function send(
  { config, secrets, clock }: SendDeps,
  url: string,
  message: WebhookMessage,
  body: string,
): Promise<Attempt> {
  const checked = checkOutboundUrl(url, { allowPrivateNetworks: config.allowPrivateNetworks });
  if (!checked.ok) return { statusCode: null, durationMs: 0, error: `URL refused: ${checked.reason}` };
  const timestamp = clock.seconds();
  const started = performance.now();
  try {
    const response = await fetch(checked.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(config.webhookTimeoutMs),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "freescout-edge-api webhooks",
        "X-FreeScout-Event": message.event,
        "X-FreeScout-Signature": await freescoutSignature(secrets.webhook, body),
        "X-FreeScout-Delivery": message.deliveryId,
        "webhook-id": message.deliveryId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": await standardSignature(secrets.webhook, message.deliveryId, timestamp, body),
      },
      body,
    });
    await response.body?.cancel();
    const durationMs = Math.round(performance.now() - started);
    if (response.status >= 200 && response.status < 300)
      return { statusCode: response.status, durationMs, error: null };
    const error =
      response.status >= 300 && response.status < 400
        ? "Redirects are not followed"
        : `Receiver answered ${response.status}`;
    return { statusCode: response.status, durationMs, error };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return {
      statusCode: null,
      durationMs,
      error: timedOut ? `Timed out after ${config.webhookTimeoutMs} ms` : `Network error: ${String(error)}`,
    };
  }
}

export interface DeliveryAttempt {
  message: WebhookMessage;
  /** 1 for the first try. */
  attempt: number;
  /** No retry follows if this one fails: the message goes to the dead-letter queue. */
  last: boolean;
}

/** `dropped`: its webhook was deleted, nothing was sent. */
export type DeliveryOutcome = "delivered" | "failed" | "dropped";

type DeliverDeps = Pick<Services, "db" | "storage" | "config" | "secrets" | "clock">;

/**
 * Sends each message to its webhook and logs every attempt in one batch (a log that cannot
 * be written is reported, never a reason to send again). Returns each attempt's outcome, in
 * order, and the R2 keys of bodies no longer needed, to remove once the queue has settled.
 */
export async function deliver(services: DeliverDeps, attempts: DeliveryAttempt[]) {
  const urls = await webhookUrls(services, [...new Set(attempts.map(({ message }) => message.webhookId))]);
  const logs: (typeof webhookDeliveries.$inferInsert)[] = [];
  const finishedBodies: string[] = [];
  const outcomes = await Promise.all(
    attempts.map(async ({ message, attempt, last }): Promise<DeliveryOutcome> => {
      const url = urls.get(message.webhookId);
      if (url === undefined) {
        if (message.bodyKey) finishedBodies.push(message.bodyKey);
        return "dropped";
      }
      const body = message.body ?? (await (await services.storage.get(message.bodyKey!))?.text());
      const result =
        body === undefined
          ? { statusCode: null, durationMs: 0, error: "Payload missing" }
          : await send(services, url, message, body);
      const ok = result.error === null;
      logs.push({
        webhookId: message.webhookId,
        deliveryId: message.deliveryId,
        event: message.event,
        attempt,
        ...result,
        deadLettered: !ok && last,
        createdAt: services.clock.seconds(),
      });
      if ((ok || last) && message.bodyKey) finishedBodies.push(message.bodyKey);
      return ok ? "delivered" : "failed";
    }),
  );
  await logAttempts(services, logs).catch((error) => console.error("webhook delivery log not written", error));
  return { outcomes, finishedBodies };
}

async function logAttempts({ db }: Pick<Services, "db">, logs: (typeof webhookDeliveries.$inferInsert)[]) {
  const inserts = insertChunks(logs).map((rows) => db.insert(webhookDeliveries).values(rows));
  if (inserts.length) await db.batch(inserts as [(typeof inserts)[number], ...typeof inserts]);
}

/** Removes bodies that waited in R2 for their delivery; a failure leaves them for later. */
export async function forgetBodies({ storage }: Pick<Services, "storage">, keys: string[]) {
  if (keys.length) await storage.delete(keys).catch(() => undefined);
}

/**
 * The queue consumer: POSTs each message to its webhook, signed, and acknowledges it on a
 * 2xx. Anything else (status, timeout, network error, redirect) is retried with growing
 * delays; after the last attempt the platform moves the message to the dead-letter queue.
 * Each message is acknowledged or retried on its own, so a crash re-delivers only the
 * unacknowledged ones. Every attempt is logged.
 */
import { inArray } from "drizzle-orm";
import { type Config, readConfig } from "../config";
import { createDb } from "../db/client";
import { webhookDeliveries, webhooks } from "../db/schema";
import { insertChunks } from "../db/sql";
import type { WebhookMessage } from "../domain/webhooks/message";
import { freescoutSignature, standardSignature } from "../domain/webhooks/signing";
import { checkOutboundUrl } from "../lib/outboundUrl";

interface Attempt {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

export async function deliver(
  url: string,
  message: WebhookMessage,
  body: string,
  secret: string,
  config: Config,
): Promise<Attempt> {
  const checked = checkOutboundUrl(url, { allowPrivateNetworks: config.allowPrivateNetworks });
  if (!checked.ok) return { statusCode: null, durationMs: 0, error: `URL refused: ${checked.reason}` };
  const timestamp = Math.floor(Date.now() / 1000);
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
        "X-FreeScout-Signature": await freescoutSignature(secret, body),
        "X-FreeScout-Delivery": message.deliveryId,
        "webhook-id": message.deliveryId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": await standardSignature(secret, message.deliveryId, timestamp, body),
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

export async function handleWebhookBatch(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  const config = readConfig(env);
  const db = createDb(env.DB);
  const maxAttempts = config.webhookRetryDelays.length + 1;
  const ids = [...new Set(batch.messages.map((message) => message.body.webhookId))];
  const targets = new Map(
    (await db.select({ id: webhooks.id, url: webhooks.url }).from(webhooks).where(inArray(webhooks.id, ids))).map(
      (w) => [w.id, w.url],
    ),
  );
  const logs: (typeof webhookDeliveries.$inferInsert)[] = [];
  const outcomes: (() => void)[] = [];
  const finished: string[] = [];

  await Promise.all(
    batch.messages.map(async (message) => {
      const url = targets.get(message.body.webhookId);
      // A deleted webhook's pending deliveries are dropped, not sent.
      if (url === undefined) {
        outcomes.push(() => message.ack());
        if (message.body.bodyKey) finished.push(message.body.bodyKey);
        return;
      }
      const body = message.body.body ?? (await (await env.ATTACHMENTS.get(message.body.bodyKey!))?.text());
      const attempt =
        body === undefined
          ? { statusCode: null, durationMs: 0, error: "Payload missing" }
          : await deliver(url, message.body, body, env.WEBHOOK_SECRET, config);
      const ok = attempt.error === null;
      const last = message.attempts >= maxAttempts;
      logs.push({
        webhookId: message.body.webhookId,
        deliveryId: message.body.deliveryId,
        event: message.body.event,
        attempt: message.attempts,
        statusCode: attempt.statusCode,
        durationMs: attempt.durationMs,
        error: attempt.error,
        deadLettered: !ok && last,
        createdAt: Math.floor(Date.now() / 1000),
      });
      if (ok || last) {
        if (message.body.bodyKey) finished.push(message.body.bodyKey);
      }
      if (ok) outcomes.push(() => message.ack());
      else {
        const delaySeconds =
          config.webhookRetryDelays[Math.min(message.attempts, config.webhookRetryDelays.length) - 1] ?? 0;
        outcomes.push(() => message.retry({ delaySeconds }));
      }
    }),
  );

  try {
    const inserts = insertChunks(logs).map((rows) => db.insert(webhookDeliveries).values(rows));
    if (inserts.length) await db.batch(inserts as [(typeof inserts)[number], ...typeof inserts]);
  } catch (error) {
    console.error("webhook delivery log not written", error);
  }
  for (const settle of outcomes) settle();
  if (finished.length) await env.ATTACHMENTS.delete(finished).catch(() => undefined);
}

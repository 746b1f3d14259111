/**
 * Delivering one queued event to its webhook: a signed POST, the attempt logged. Whether a
 * failed attempt is retried, and when, is the queue consumer's business.
 */
import { count, desc, eq, sql } from "drizzle-orm";
import type { Statement } from "../../db/ids";
import { webhookDeliveries, webhooks } from "../../db/schema";
import { insertChunks } from "../../db/sql";
import { notFound } from "../../lib/errors";
import { checkOutboundUrl } from "../../lib/outboundUrl";
import { PING_EVENT } from "../../lib/vocabulary";
import type { Services } from "../../services";
import { listPage, type Paging } from "../paging";
import type { WebhookMessage } from "./message";
import { freescoutSignature, standardSignature } from "./signing";
import { type DeliveryTarget, deliveryTargets } from "./subscriptions";

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

/**
 * POSTs the body, signed (FreeScout's header with the installation secret, Standard Webhooks'
 * with `signingSecret`); any answer but a 2xx (redirects included) is a failed attempt.
 */
export async function send(
  { config, secrets, clock }: SendDeps,
  target: Pick<DeliveryTarget, "url" | "signingSecret">,
  message: WebhookMessage,
  body: string,
): Promise<Attempt> {
  const checked = checkOutboundUrl(target.url, { allowPrivateNetworks: config.allowPrivateNetworks });
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
        "webhook-signature": await standardSignature(target.signingSecret, message.deliveryId, timestamp, body),
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

/** `dropped`: its webhook was deleted or disabled, nothing was sent. */
export type DeliveryOutcome = "delivered" | "failed" | "dropped";

type DeliverDeps = Pick<Services, "db" | "storage" | "config" | "secrets" | "clock">;
type LogRow = typeof webhookDeliveries.$inferInsert;

/**
 * Sends each message to its webhook and, in one batch, logs every attempt and carries each
 * webhook's run of failures (which disables it when long enough). A log that cannot be
 * written is reported, never a reason to send again. Returns each attempt's outcome, in order,
 * and the R2 keys of bodies no longer needed, to remove once the queue has settled.
 * A first attempt's log keeps the body (or its R2 key), so the delivery can be sent again.
 */
export async function deliver(services: DeliverDeps, attempts: DeliveryAttempt[]) {
  const targets = await deliveryTargets(services, [...new Set(attempts.map(({ message }) => message.webhookId))]);
  const logs: LogRow[] = [];
  const finishedBodies: string[] = [];
  const now = () => services.clock.seconds();
  const outcomes = await Promise.all(
    attempts.map(async ({ message, attempt, last }): Promise<DeliveryOutcome> => {
      const target = targets.get(message.webhookId);
      const kept = attempt === 1 ? { body: message.body ?? null, bodyKey: message.bodyKey ?? null } : {};
      const entry = { webhookId: message.webhookId, deliveryId: message.deliveryId, event: message.event, attempt };
      if (target === undefined) {
        if (message.bodyKey) finishedBodies.push(message.bodyKey);
        return "dropped";
      }
      if (!target.enabled && message.event !== PING_EVENT) {
        // Kept as dead-lettered, so it can be sent again once the webhook is enabled.
        const error = "Not sent: the webhook is disabled";
        logs.push({ ...entry, ...kept, statusCode: null, durationMs: 0, error, deadLettered: true, createdAt: now() });
        return "dropped";
      }
      const body = message.body ?? (await (await services.storage.get(message.bodyKey!))?.text());
      const result =
        body === undefined
          ? { statusCode: null, durationMs: 0, error: "Payload missing" }
          : await send(services, target, message, body);
      const ok = result.error === null;
      logs.push({ ...entry, ...kept, ...result, deadLettered: !ok && last, createdAt: now() });
      return ok ? "delivered" : "failed";
    }),
  );
  const streaks = failureRuns(attempts, outcomes);
  await writeLog(services, logs, streaks).catch((error) => console.error("webhook delivery log not written", error));
  return { outcomes, finishedBodies };
}

/** Per webhook: failed attempts in this batch, or null if one succeeded (the run ends). Pings do not count. */
function failureRuns(attempts: DeliveryAttempt[], outcomes: DeliveryOutcome[]) {
  const runs = new Map<number, number | null>();
  attempts.forEach(({ message }, i) => {
    if (message.event === PING_EVENT || outcomes[i] === "dropped") return;
    const before = runs.get(message.webhookId);
    if (outcomes[i] === "delivered") runs.set(message.webhookId, null);
    else if (before !== null) runs.set(message.webhookId, (before ?? 0) + 1);
  });
  return runs;
}

async function writeLog(services: DeliverDeps, logs: LogRow[], runs: Map<number, number | null>) {
  const { db, config, clock } = services;
  const now = clock.seconds();
  const statements: Statement[] = insertChunks(logs).map((rows) => db.insert(webhookDeliveries).values(rows));
  for (const [webhookId, failures] of runs) {
    statements.push(
      failures === null
        ? db.update(webhooks).set({ failureStreak: 0, failingSince: null }).where(eq(webhooks.id, webhookId))
        : db.run(disableAfterFailures(webhookId, failures, now, config)),
    );
  }
  if (statements.length) await db.batch(statements as [Statement, ...Statement[]]);
}

/**
 * Adds to the run of failures; a webhook whose run reaches WEBHOOK_DISABLE_AFTER_FAILURES
 * attempts over at least WEBHOOK_DISABLE_AFTER_HOURS is disabled, with the reason. (SQLite
 * evaluates every SET expression against the row as it was.)
 */
function disableAfterFailures(webhookId: number, count: number, now: number, config: Services["config"]) {
  // D1 binds JavaScript numbers as REAL: cast, so the column stays an integer.
  const failures = sql`CAST(${count} AS INTEGER)`;
  const reached = sql`(enabled = 1 AND failure_streak + ${failures} >= ${config.webhookDisableAfterFailures}
    AND ${now} - coalesce(failing_since, ${now}) >= ${config.webhookDisableAfterSeconds})`;
  const reason = sql`'Disabled after ' || (failure_streak + ${failures}) || ' failed attempts in a row since '
    || strftime('%Y-%m-%dT%H:%M:%SZ', coalesce(failing_since, ${now}), 'unixepoch')
    || '; last error: ' || coalesce((SELECT d.error FROM webhook_deliveries d WHERE d.webhook_id = ${webhookId}
      ORDER BY d.created_at DESC, d.id DESC LIMIT 1), 'unknown')`;
  return sql`UPDATE webhooks SET
    failure_streak = failure_streak + ${failures},
    failing_since = coalesce(failing_since, ${now}),
    enabled = CASE WHEN ${reached} THEN 0 ELSE enabled END,
    disabled_at = CASE WHEN ${reached} THEN ${now} ELSE disabled_at END,
    disabled_reason = CASE WHEN ${reached} THEN ${reason} ELSE disabled_reason END
    WHERE id = ${webhookId}`;
}

/** Removes bodies that waited in R2 for their delivery; a failure leaves them for later. */
export async function forgetBodies({ storage }: Pick<Services, "storage">, keys: string[]) {
  if (keys.length) await storage.delete(keys).catch(() => undefined);
}

/**
 * Idempotency-Key storage (Stripe's model). A write with a key first claims it (state
 * in_progress, one atomic upsert: D1 has one writer), then stores its answer (done); the same
 * key with the same request within 24 hours answers that answer again. A claim whose handler
 * failed (5xx) is released so the client may retry.
 */
import { and, eq, lte, or, sql } from "drizzle-orm";
import { idempotencyKeys } from "../db/schema";
import type { Services } from "../services";
import { namedBatch } from "./batch";

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** A claim this old never stored its answer (its Worker was stopped): it may be claimed again. */
export const ABANDONED_CLAIM_SECONDS = 5 * 60;
export const SWEEP_BATCH = 1000;
export const SWEEP_MAX_BATCHES = 10;

export interface IdempotentRequest {
  apiKeyId: number;
  key: string;
  /** Hex SHA-256 of the request (method, path, query, body). */
  fingerprint: string;
}

/** A claimed key: the claim's own time tells it apart from a later claim of the same key. */
export interface IdempotencyClaim extends IdempotentRequest {
  claimedAt: number;
}

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export type ClaimOutcome =
  | { outcome: "claimed"; claim: IdempotencyClaim }
  | { outcome: "replay"; answer: StoredAnswer }
  | { outcome: "in_progress" }
  | { outcome: "another_request" };

const theKey = ({ apiKeyId, key }: IdempotentRequest) =>
  and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key));

const ownClaim = (claim: IdempotencyClaim) =>
  and(
    theKey(claim),
    eq(idempotencyKeys.fingerprint, claim.fingerprint),
    eq(idempotencyKeys.createdAt, claim.claimedAt),
    eq(idempotencyKeys.state, "in_progress"),
  );

/**
 * Claims the key, or tells what holds it, in one round trip: an insert that takes a free,
 * expired or abandoned key, and the key's row as it then is.
 */
export async function claimIdempotencyKey(
  { db, clock }: Pick<Services, "db" | "clock">,
  request: IdempotentRequest,
): Promise<ClaimOutcome> {
  const now = clock.seconds();
  const fresh = {
    fingerprint: request.fingerprint,
    state: "in_progress" as const,
    responseStatus: null,
    responseHeaders: null,
    responseBody: null,
    createdAt: now,
    expiresAt: now + IDEMPOTENCY_TTL_SECONDS,
  };
  const { claimed, row } = await namedBatch(db, {
    claimed: db
      .insert(idempotencyKeys)
      .values({ apiKeyId: request.apiKeyId, key: request.key, ...fresh })
      .onConflictDoUpdate({
        target: [idempotencyKeys.apiKeyId, idempotencyKeys.key],
        set: fresh,
        setWhere: or(
          lte(idempotencyKeys.expiresAt, now),
          and(eq(idempotencyKeys.state, "in_progress"), lte(idempotencyKeys.createdAt, now - ABANDONED_CLAIM_SECONDS)),
        ),
      })
      .returning({ createdAt: idempotencyKeys.createdAt }),
    row: db.select().from(idempotencyKeys).where(theKey(request)),
  });
  if (claimed.length > 0) return { outcome: "claimed", claim: { ...request, claimedAt: now } };
  const held = row[0];
  // The row is there: the insert only skips a key that is held.
  if (!held || held.fingerprint !== request.fingerprint) return { outcome: "another_request" };
  if (held.state === "in_progress" || held.responseStatus === null) return { outcome: "in_progress" };
  return {
    outcome: "replay",
    answer: { status: held.responseStatus, headers: held.responseHeaders ?? {}, body: held.responseBody },
  };
}

/** Keeps the answer of the claim's request for replays. */
export async function storeIdempotentAnswer(
  { db }: Pick<Services, "db">,
  claim: IdempotencyClaim,
  answer: StoredAnswer,
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ state: "done", responseStatus: answer.status, responseHeaders: answer.headers, responseBody: answer.body })
    .where(ownClaim(claim));
}

/** Frees the key after a failure (5xx), so that a retry does the work. */
export async function releaseIdempotencyKey({ db }: Pick<Services, "db">, claim: IdempotencyClaim): Promise<void> {
  await db.delete(idempotencyKeys).where(ownClaim(claim));
}

/** The cron: deletes expired keys, oldest first, at most SWEEP_BATCH × SWEEP_MAX_BATCHES per run. */
export async function sweepIdempotencyKeys({ db }: Pick<Services, "db">, nowSeconds: number): Promise<number> {
  let removed = 0;
  for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
    const result = await db.delete(idempotencyKeys).where(
      sql`rowid IN (SELECT rowid FROM ${idempotencyKeys} INDEXED BY idempotency_keys_expires_idx
          WHERE ${idempotencyKeys.expiresAt} <= ${nowSeconds} ORDER BY ${idempotencyKeys.expiresAt} LIMIT ${SWEEP_BATCH})`,
    );
    const count = result.meta.changes ?? 0;
    removed += count;
    if (count < SWEEP_BATCH) break;
  }
  return removed;
}

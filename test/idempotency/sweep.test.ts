/** Keys live 24 hours: the hourly cron deletes expired ones, a bounded number per run. */
import { env } from "cloudflare:test";
import { resetToDemoData } from "@test/support/db";
import { documentExample } from "@test/support/examples";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import { runScheduled } from "../../src/cron/scheduled";
import {
  IDEMPOTENCY_TTL_SECONDS,
  SWEEP_BATCH,
  SWEEP_MAX_BATCHES,
  sweepIdempotencyKeys,
} from "../../src/domain/idempotency";
import { countRows, withKey } from "./helpers";

beforeEach(resetToDemoData);

/** `count` keys of API key 1 that expire at `expiresAt`, named `${prefix}N`. */
const insertKeys = (count: number, expiresAt: number, prefix: string) =>
  env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO idempotency_keys (api_key_id, key, fingerprint, state, created_at, expires_at)
     SELECT 1, ? || i, 'f', 'done', ? - ${IDEMPOTENCY_TTL_SECONDS}, ? FROM n`,
  )
    .bind(count, prefix, expiresAt, expiresAt)
    .run();

describe("Idempotency-Key: expiry", () => {
  it("the cron deletes expired keys and keeps live ones", async () => {
    const now = Math.floor(Date.now() / 1000);
    await insertKeys(3, now - 10, "old-");
    await insertKeys(2, now + 10, "live-");
    await runScheduled(testServices(), now * 1000);
    const { results } = await env.DB.prepare("SELECT key FROM idempotency_keys ORDER BY key").all<{ key: string }>();
    expect(results.map((row) => row.key)).toEqual(["live-1", "live-2"]);
  });

  it("deletes at most SWEEP_BATCH × SWEEP_MAX_BATCHES per run; the next run takes the rest", async () => {
    const now = Math.floor(Date.now() / 1000);
    const limit = SWEEP_BATCH * SWEEP_MAX_BATCHES;
    await insertKeys(limit + 5, now - 10, "old-");
    expect(await sweepIdempotencyKeys(testServices(), now)).toBe(limit);
    expect(await countRows("idempotency_keys")).toBe(5);
    expect(await sweepIdempotencyKeys(testServices(), now)).toBe(5);
    expect(await countRows("idempotency_keys")).toBe(0);
  });

  it("a key kept 24 hours then answers nothing: after expiry the key does new work", async () => {
    const first = await withKey("day", "POST", "/api/conversations", { body: documentExample });
    expect(first.status).toBe(201);
    const row = await env.DB.prepare("SELECT created_at, expires_at FROM idempotency_keys").first<{
      created_at: number;
      expires_at: number;
    }>();
    expect(row!.expires_at - row!.created_at).toBe(IDEMPOTENCY_TTL_SECONDS);

    await env.DB.prepare("UPDATE idempotency_keys SET expires_at = expires_at - ?").bind(IDEMPOTENCY_TTL_SECONDS).run();
    const later = await withKey("day", "POST", "/api/conversations", { body: documentExample });
    expect(later.status).toBe(201);
    expect(later.headers.get("Idempotent-Replayed")).toBeNull();
    expect(later.headers.get("Resource-ID")).not.toBe(first.headers.get("Resource-ID"));
  });

  it("the sweep reads the expiry index, never the whole table", async () => {
    const { results } = await env.DB.prepare(
      "EXPLAIN QUERY PLAN SELECT rowid FROM idempotency_keys INDEXED BY idempotency_keys_expires_idx WHERE expires_at <= 1 ORDER BY expires_at LIMIT 1000",
    ).all<{ detail: string }>();
    expect(results.map((row) => row.detail)).toEqual([
      "SEARCH idempotency_keys USING COVERING INDEX idempotency_keys_expires_idx (expires_at<?)",
    ]);
  });
});

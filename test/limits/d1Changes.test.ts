/**
 * Why writes decide by RETURNING (src/db/sql.ts returnedRows), never by meta.changes: with
 * triggers in the schema (FTS5 indexes, folder and tag counters) D1's meta.changes counts what
 * the triggers wrote, and a statement that changed no row can report an earlier one's count.
 * An optimistic write that trusted it would answer success for an update that never happened.
 */
import { env } from "cloudflare:test";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, expect, it } from "vitest";
import { returnedRows } from "../../src/db/sql";

beforeEach(resetToDemoData);

it("a guarded update that matches no row is told apart from one that did, in the same batch", async () => {
  const [applied, missed] = await env.DB.batch([
    env.DB.prepare("UPDATE conversations SET subject = 'changed' WHERE id = 1 RETURNING id"),
    env.DB.prepare("UPDATE conversations SET subject = 'lost' WHERE id = 1 AND subject = 'stale' RETURNING id"),
  ]);
  expect(returnedRows(applied)).toBe(1);
  expect(returnedRows(missed)).toBe(0);
  // What meta.changes says here is not a row count (the subject's FTS triggers wrote rows too).
  expect(applied!.meta.changes).toBeGreaterThan(1);
});

/**
 * R2 objects that no attachment row points at: left by a request whose clean-up also failed,
 * or by a conversation deleted while R2 was unavailable. Run by the cron trigger.
 *
 * Keys carry their UTC hour (keys.ts), so listing in key order visits old objects first and
 * stops at the hour before last; objects younger than an hour are never touched (their
 * request may still be writing its rows). One D1 query per listed page.
 */
import { sql } from "drizzle-orm";
import type { Services } from "../../services";
import { ATTACHMENT_KEY_PREFIX, hourOf, hourOfKey } from "./keys";

const MIN_AGE_MS = 60 * 60 * 1000;

export interface SweepResult {
  checked: number;
  deleted: number;
}

export async function sweepOrphanAttachments(
  { db, storage }: Pick<Services, "db" | "storage">,
  now: number,
  pageSize = 1000,
): Promise<SweepResult> {
  const cutoff = now - MIN_AGE_MS;
  const lastHour = hourOf(cutoff);
  const result: SweepResult = { checked: 0, deleted: 0 };
  let cursor: string | undefined;
  for (;;) {
    const page = await storage.list({ prefix: ATTACHMENT_KEY_PREFIX, cursor, limit: pageSize });
    const due = page.objects.filter((object) => (hourOfKey(object.key) ?? "") <= lastHour);
    const old = due.filter((object) => object.uploaded.getTime() < cutoff).map((object) => object.key);
    result.checked += old.length;
    if (old.length) {
      const rows = await db.all<{ r2_key: string }>(
        sql`SELECT r2_key FROM attachments WHERE r2_key IN (SELECT value FROM json_each(${JSON.stringify(old)}))`,
      );
      const known = new Set(rows.map((row) => row.r2_key));
      const orphans = old.filter((key) => !known.has(key));
      if (orphans.length) {
        await storage.delete(orphans);
        result.deleted += orphans.length;
      }
    }
    // Keys sort by hour: once one is past the cutoff hour, the rest are too.
    if (!page.truncated || due.length < page.objects.length) return result;
    cursor = page.cursor;
  }
}

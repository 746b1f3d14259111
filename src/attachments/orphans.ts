/**
 * R2 objects that no attachment row points at: left by a failed request whose clean-up also
 * failed, or by a conversation deleted while R2 was unavailable. Run by the cron trigger;
 * objects younger than an hour are left alone (their request may still be writing its rows).
 */
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";

const MIN_AGE_MS = 60 * 60 * 1000;

export async function sweepOrphanAttachments(env: Env, db: Database, now = Date.now()): Promise<{ checked: number; deleted: number }> {
  let cursor: string | undefined;
  let checked = 0;
  let deleted = 0;
  do {
    const page = await env.ATTACHMENTS.list({ prefix: "attachments/", cursor, limit: 500 });
    cursor = page.truncated ? page.cursor : undefined;
    const old = page.objects.filter((object) => now - object.uploaded.getTime() > MIN_AGE_MS).map((object) => object.key);
    checked += old.length;
    if (old.length === 0) continue;
    const rows = await db.all<{ r2_key: string }>(
      sql`SELECT r2_key FROM attachments WHERE r2_key IN (SELECT value FROM json_each(${JSON.stringify(old)}))`,
    );
    const known = new Set(rows.map((row) => row.r2_key));
    const orphans = old.filter((key) => !known.has(key));
    if (orphans.length) {
      await env.ATTACHMENTS.delete(orphans);
      deleted += orphans.length;
    }
  } while (cursor);
  return { checked, deleted };
}

/**
 * Raw incoming messages are kept RAW_MAIL_RETENTION_DAYS days (cron). Their keys carry the UTC
 * hour (`mail/raw/2026-11-24T10/<random>.eml`), so R2 lists them oldest first and the sweep
 * stops at the first key inside the retention window; objects no row points at (a delivery
 * that failed after the put) go the same way. The rows forget the key in one indexed UPDATE.
 */
import { sql } from "drizzle-orm";
import type { Services } from "../../../services";
import { hourOf } from "../../attachments/keys";
import { RAW_MAIL_PREFIX } from "./receive";

export async function pruneRawMail(
  { db, storage, config }: Pick<Services, "db" | "storage" | "config">,
  nowMs: number,
  pageSize = 1000,
): Promise<{ deleted: number }> {
  const cutoffMs = nowMs - config.rawMailRetentionDays * 86_400_000;
  const cutoffHour = hourOf(cutoffMs);
  let deleted = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await storage.list({ prefix: RAW_MAIL_PREFIX, cursor, limit: pageSize });
    const old = page.objects
      .map((object) => object.key)
      .filter((key) => key.slice(RAW_MAIL_PREFIX.length, RAW_MAIL_PREFIX.length + 13) < cutoffHour);
    if (old.length) {
      await storage.delete(old);
      deleted += old.length;
    }
    if (!page.truncated || old.length < page.objects.length) break;
    cursor = page.cursor;
  }
  await db.run(
    sql`UPDATE mail_messages SET raw_r2_key = NULL WHERE raw_r2_key IS NOT NULL AND created_at < ${Math.floor(cutoffMs / 1000)}`,
  );
  return { deleted };
}

import { lt } from "drizzle-orm";
import { webhookDeliveries } from "../../db/schema";
import type { Services } from "../../services";

/** Delivery logs are kept for 3 days, as FreeScout keeps them. */
export const LOG_RETENTION_SECONDS = 3 * 24 * 60 * 60;

/**
 * Removes log entries older than the retention as of `nowSeconds` (the cron's scheduled time),
 * and the R2 copies of large bodies they kept for re-delivery.
 */
export async function pruneDeliveryLog(
  { db, storage }: Pick<Services, "db" | "storage">,
  nowSeconds: number,
): Promise<number> {
  const removed = await db
    .delete(webhookDeliveries)
    .where(lt(webhookDeliveries.createdAt, nowSeconds - LOG_RETENTION_SECONDS))
    .returning({ id: webhookDeliveries.id, bodyKey: webhookDeliveries.bodyKey });
  const keys = removed.flatMap((row) => (row.bodyKey ? [row.bodyKey] : []));
  for (let i = 0; i < keys.length; i += 1000) await storage.delete(keys.slice(i, i + 1000));
  return removed.length;
}

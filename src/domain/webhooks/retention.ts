import { lt } from "drizzle-orm";
import { webhookDeliveries } from "../../db/schema";
import type { Services } from "../../services";

/** Delivery logs are kept for 3 days, as FreeScout keeps them. */
export const LOG_RETENTION_SECONDS = 3 * 24 * 60 * 60;

/** Removes log entries older than the retention as of `nowSeconds` (the cron's scheduled time). */
export async function pruneDeliveryLog({ db }: Pick<Services, "db">, nowSeconds: number): Promise<number> {
  const removed = await db
    .delete(webhookDeliveries)
    .where(lt(webhookDeliveries.createdAt, nowSeconds - LOG_RETENTION_SECONDS))
    .returning({ id: webhookDeliveries.id });
  return removed.length;
}

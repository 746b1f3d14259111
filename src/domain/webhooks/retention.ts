import { lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { webhookDeliveries } from "../../db/schema";

/** Delivery logs are kept for 3 days, as FreeScout keeps them. */
export const LOG_RETENTION_SECONDS = 3 * 24 * 60 * 60;

export async function pruneDeliveryLog(db: Database, nowSeconds: number): Promise<number> {
  const removed = await db
    .delete(webhookDeliveries)
    .where(lt(webhookDeliveries.createdAt, nowSeconds - LOG_RETENTION_SECONDS))
    .returning({ id: webhookDeliveries.id });
  return removed.length;
}

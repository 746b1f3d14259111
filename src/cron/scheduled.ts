/** The hourly cron: prunes the webhook delivery log and sweeps orphaned attachment objects. */
import { sweepOrphanAttachments } from "../domain/attachments/orphans";
import { pruneDeliveryLog } from "../domain/webhooks/retention";
import type { Services } from "../services";

export async function runScheduled(services: Services, scheduledTime: number): Promise<void> {
  await Promise.all([
    pruneDeliveryLog(services, Math.floor(scheduledTime / 1000)),
    sweepOrphanAttachments(services, scheduledTime),
  ]);
}

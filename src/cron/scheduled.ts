/** The hourly cron: prunes the webhook delivery log, sweeps orphaned attachment objects, expires raw incoming mail, finishes interrupted customer erasures, deletes expired Idempotency-Keys. */
import { sweepOrphanAttachments } from "../domain/attachments/orphans";
import { sweepErasures } from "../domain/customers/erase";
import { sweepIdempotencyKeys } from "../domain/idempotency";
import { pruneRawMail } from "../domain/mail/incoming/retention";
import { publish } from "../domain/publish";
import { pruneDeliveryLog } from "../domain/webhooks/retention";
import type { Services } from "../services";

export async function runScheduled(services: Services, scheduledTime: number): Promise<void> {
  await Promise.all([
    pruneDeliveryLog(services, Math.floor(scheduledTime / 1000)),
    sweepOrphanAttachments(services, scheduledTime),
    pruneRawMail(services, scheduledTime),
    sweepErasures(services).then((erasures) => publish(services, erasures)),
    sweepIdempotencyKeys(services, Math.floor(scheduledTime / 1000)),
  ]);
}

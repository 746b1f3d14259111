/** The webhooks a client subscribes: create, list, delete, and where the consumer sends to. */
import { asc, count, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { webhooks } from "../../db/schema";
import { invalidField, notFound } from "../../lib/errors";
import { checkOutboundUrl } from "../../lib/outboundUrl";
import type { WebhookEvent } from "../../lib/vocabulary";
import type { Services } from "../../services";
import { listPage, type Paging } from "../paging";

type Deps = Pick<Services, "db">;

/**
 * The module's `lastRunTime` and `lastRunError`: the newest logged delivery attempt (the log
 * is kept three days), read through the deliveries' (webhook_id, created_at) index. The webhook id is
 * qualified: unqualified, "id" would name the delivery's own id inside the subquery.
 */
const lastRun = {
  lastRunAt: sql<number | null>`(SELECT d.created_at FROM webhook_deliveries d WHERE d.webhook_id = "webhooks"."id"
    ORDER BY d.created_at DESC, d.id DESC LIMIT 1)`,
  lastRunError: sql<string | null>`(SELECT d.error FROM webhook_deliveries d WHERE d.webhook_id = "webhooks"."id"
    ORDER BY d.created_at DESC, d.id DESC LIMIT 1)`,
};

export type WebhookRow = typeof webhooks.$inferSelect & { lastRunAt: number | null; lastRunError: string | null };

export function listWebhooks({ db }: Deps, page: Paging) {
  return listPage(db, page, {
    rows: db
      .select({ ...getTableColumns(webhooks), ...lastRun })
      .from(webhooks)
      .orderBy(asc(webhooks.id)),
    total: db.select({ n: count() }).from(webhooks),
  });
}

export interface NewWebhook {
  url: string;
  events: WebhookEvent[];
}

/** 400 for a URL the Worker must not call (private networks unless allowed, credentials, other schemes). */
export async function createWebhook(
  { db, config, clock }: Pick<Services, "db" | "config" | "clock">,
  input: NewWebhook,
) {
  const checked = checkOutboundUrl(input.url, { allowPrivateNetworks: config.allowPrivateNetworks });
  if (!checked.ok) throw invalidField("url", `URL refused: ${checked.reason}`, input.url);
  const now = clock.seconds();
  const [webhook] = await db
    .insert(webhooks)
    .values({ url: checked.url.toString(), events: input.events, createdAt: now, updatedAt: now })
    .returning();
  const row: WebhookRow = { ...webhook!, lastRunAt: null, lastRunError: null };
  return { webhook: row };
}

/** Its deliveries still on the queue are dropped by the consumer, not sent. */
export async function deleteWebhook({ db }: Deps, webhookId: number) {
  const removed = await db.delete(webhooks).where(eq(webhooks.id, webhookId)).returning({ id: webhooks.id });
  if (!removed[0]) throw notFound("webhookId", webhookId);
  return { webhookId };
}

/** The URL of each webhook that still exists among these ids. */
export async function webhookUrls({ db }: Deps, ids: number[]): Promise<Map<number, string>> {
  const rows = await db.select({ id: webhooks.id, url: webhooks.url }).from(webhooks).where(inArray(webhooks.id, ids));
  return new Map(rows.map((webhook) => [webhook.id, webhook.url]));
}

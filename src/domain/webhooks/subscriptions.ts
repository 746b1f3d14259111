/** The webhooks a client subscribes: create, list, delete, and where the consumer sends to. */
import { asc, count, eq, inArray } from "drizzle-orm";
import { webhooks } from "../../db/schema";
import { invalidField, notFound } from "../../lib/errors";
import { checkOutboundUrl } from "../../lib/outboundUrl";
import type { WebhookEvent } from "../../lib/vocabulary";
import type { Services } from "../../services";
import { listPage, type Paging } from "../paging";

type Deps = Pick<Services, "db">;

export function listWebhooks({ db }: Deps, page: Paging) {
  return listPage(db, page, {
    rows: db.select().from(webhooks).orderBy(asc(webhooks.id)),
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
  return { webhook: webhook! };
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

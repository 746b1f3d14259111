/** The webhooks a client subscribes: create, change, list, delete, and where the consumer sends to. */
import { asc, count, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { mailboxes, webhooks } from "../../db/schema";
import { invalidField, notFound } from "../../lib/errors";
import { checkOutboundUrl } from "../../lib/outboundUrl";
import type { WebhookEvent } from "../../lib/vocabulary";
import type { Services } from "../../services";
import { namedBatch } from "../batch";
import { listPage, type Paging } from "../paging";
import { newWebhookSecret, openSecret, sealSecret } from "./ownSecret";

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
  /** Only conversations of these mailboxes; empty or absent: all. */
  mailboxes?: number[];
}

export interface WebhookChanges {
  url?: string;
  events?: WebhookEvent[];
  mailboxes?: number[];
  enabled?: boolean;
  /** A new own signing secret, shown once in the answer. */
  rotateSecret?: boolean;
}

type WriteDeps = Pick<Services, "db" | "config" | "clock" | "secrets">;

function checkedUrl(config: Services["config"], url: string) {
  const checked = checkOutboundUrl(url, { allowPrivateNetworks: config.allowPrivateNetworks });
  if (!checked.ok) throw invalidField("url", `URL refused: ${checked.reason}`, url);
  return checked.url.toString();
}

async function checkMailboxes({ db }: Deps, ids: number[] | undefined) {
  if (!ids?.length) return [];
  const unique = [...new Set(ids)];
  const found = await db.select({ id: mailboxes.id }).from(mailboxes).where(inArray(mailboxes.id, unique));
  const missing = unique.filter((id) => !found.some((row) => row.id === id));
  if (missing.length) throw invalidField("mailboxes", `No mailbox with id ${missing.join(", ")}`, ids);
  return unique.sort((a, b) => a - b);
}

/**
 * 400 for a URL the Worker must not call (private networks unless allowed, credentials, other
 * schemes) or an unknown mailbox. Every new webhook gets its own signing secret, returned here
 * once and never shown again.
 */
export async function createWebhook(services: WriteDeps, input: NewWebhook) {
  const { db, clock, secrets } = services;
  const url = checkedUrl(services.config, input.url);
  const mailboxIds = await checkMailboxes(services, input.mailboxes);
  const secret = newWebhookSecret();
  const now = clock.seconds();
  const [webhook] = await db
    .insert(webhooks)
    .values({
      url,
      events: input.events,
      mailboxes: mailboxIds,
      sealedSecret: await sealSecret(secrets.webhook, secret),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const row: WebhookRow = { ...webhook!, lastRunAt: null, lastRunError: null };
  return { webhook: row, secret };
}

/** Re-enabling clears the failure run that disabled it. */
export async function updateWebhook(services: WriteDeps, webhookId: number, changes: WebhookChanges) {
  const { db, clock, secrets } = services;
  const url = changes.url === undefined ? undefined : checkedUrl(services.config, changes.url);
  const mailboxIds = changes.mailboxes === undefined ? undefined : await checkMailboxes(services, changes.mailboxes);
  const secret = changes.rotateSecret ? newWebhookSecret() : undefined;
  const set: Partial<typeof webhooks.$inferInsert> = { updatedAt: clock.seconds() };
  if (url !== undefined) set.url = url;
  if (changes.events !== undefined) set.events = changes.events;
  if (mailboxIds !== undefined) set.mailboxes = mailboxIds;
  if (secret !== undefined) set.sealedSecret = await sealSecret(secrets.webhook, secret);
  if (changes.enabled === true) Object.assign(set, ENABLED);
  if (changes.enabled === false) Object.assign(set, { enabled: false, disabledReason: "Disabled through the API" });
  if (changes.enabled === false) set.disabledAt = clock.seconds();
  const { updated, row } = await namedBatch(db, {
    updated: db.update(webhooks).set(set).where(eq(webhooks.id, webhookId)).returning({ id: webhooks.id }),
    row: db
      .select({ ...getTableColumns(webhooks), ...lastRun })
      .from(webhooks)
      .where(eq(webhooks.id, webhookId)),
  });
  if (!updated[0] || !row[0]) throw notFound("webhookId", webhookId);
  return { webhook: row[0] as WebhookRow, secret };
}

const ENABLED = { enabled: true, disabledReason: null, disabledAt: null, failureStreak: 0, failingSince: null };

/** Its deliveries still on the queue are dropped by the consumer, not sent. */
export async function deleteWebhook({ db }: Deps, webhookId: number) {
  const removed = await db.delete(webhooks).where(eq(webhooks.id, webhookId)).returning({ id: webhooks.id });
  if (!removed[0]) throw notFound("webhookId", webhookId);
  return { webhookId };
}

export interface DeliveryTarget {
  url: string;
  enabled: boolean;
  /** The key of the Standard Webhooks signature: its own secret, else the installation's. */
  signingSecret: string;
}

/** Where and how to send, for each webhook that still exists among these ids. */
export async function deliveryTargets(
  { db, secrets }: Pick<Services, "db" | "secrets">,
  ids: number[],
): Promise<Map<number, DeliveryTarget>> {
  const rows = await db
    .select({ id: webhooks.id, url: webhooks.url, enabled: webhooks.enabled, sealedSecret: webhooks.sealedSecret })
    .from(webhooks)
    .where(inArray(webhooks.id, ids));
  const targets = new Map<number, DeliveryTarget>();
  for (const row of rows) {
    const own = row.sealedSecret ? await openSecret(secrets.webhook, row.sealedSecret) : null;
    targets.set(row.id, { url: row.url, enabled: row.enabled, signingSecret: own ?? secrets.webhook });
  }
  return targets;
}

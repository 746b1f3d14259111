/**
 * API keys: only their SHA-256 is stored. A key is full (the default, and every key made
 * before scopes existed), read-only, and/or limited to some mailboxes.
 */
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { apiKeys, conversations, mailboxes } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";
import { conflict, invalidField, notFound } from "../lib/errors";
import type { ApiKeyScope } from "../lib/vocabulary";
import type { Services } from "../services";
import { listPage, type Paging } from "./paging";

type Deps = Pick<Services, "db">;

/** What the key presented with a request may see and do. */
export interface KeyAccess {
  keyId: number;
  readOnly: boolean;
  /** The mailboxes it is limited to; null: all. */
  mailboxes: number[] | null;
}

/** A full key: reads and writes everything, manages keys and webhooks. */
export const isFullKey = (access: KeyAccess) => !access.readOnly && access.mailboxes === null;

export const mayUseMailbox = (access: KeyAccess, mailboxId: number) =>
  access.mailboxes === null || access.mailboxes.includes(mailboxId);

/** The key stored under this SHA-256 hash, unless it was revoked. */
export function findActiveApiKey({ db }: Deps, keyHash: string) {
  return db
    .select({ id: apiKeys.id, keyHash: apiKeys.keyHash, scope: apiKeys.scope, mailboxes: apiKeys.mailboxes })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .get();
}

export const accessOf = (row: { id: number; scope: ApiKeyScope; mailboxes: number[] | null }): KeyAccess => ({
  keyId: row.id,
  readOnly: row.scope === "read",
  mailboxes: row.mailboxes,
});

/** The mailbox of a conversation, for a limited key's check; null when there is no such conversation. */
export async function conversationMailbox({ db }: Deps, conversationId: number): Promise<number | null> {
  const row = await db
    .select({ mailboxId: conversations.mailboxId })
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .get();
  return row?.mailboxId ?? null;
}

export interface NewApiKey {
  name: string;
  scope: ApiKeyScope;
  mailboxes?: number[] | null;
}

/** The key is returned once, here; names are unique among keys not revoked. */
export async function createApiKey({ db, clock }: Pick<Services, "db" | "clock">, input: NewApiKey) {
  const limited = input.mailboxes?.length ? [...new Set(input.mailboxes)].sort((a, b) => a - b) : null;
  if (limited) {
    const found = await db.select({ id: mailboxes.id }).from(mailboxes).where(inArray(mailboxes.id, limited));
    const missing = limited.filter((id) => !found.some((row) => row.id === id));
    if (missing.length) throw invalidField("mailboxes", `No mailbox with id ${missing.join(", ")}`, input.mailboxes);
  }
  const key = randomToken(16);
  const hash = await sha256Hex(key);
  const list = limited === null ? null : JSON.stringify(limited);
  const inserted = await db.all<{ id: number }>(sql`INSERT INTO api_keys (name, key_hash, scope, mailboxes, created_at)
    SELECT ${input.name}, ${hash}, ${input.scope}, ${list}, ${clock.seconds()}
    WHERE NOT EXISTS (SELECT 1 FROM api_keys WHERE name = ${input.name} AND revoked_at IS NULL) RETURNING id`);
  if (!inserted[0]) throw conflict("name", "A key with this name already exists", input.name);
  const row = await db.select().from(apiKeys).where(eq(apiKeys.id, inserted[0].id)).get();
  return { apiKey: row!, key };
}

export function listApiKeys({ db }: Deps, page: Paging) {
  return listPage(db, page, {
    rows: db.select().from(apiKeys).orderBy(asc(apiKeys.id)),
    total: db.select({ n: count() }).from(apiKeys),
  });
}

/** Revoking twice keeps the first time. */
export async function revokeApiKey({ db, clock }: Pick<Services, "db" | "clock">, keyId: number) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: clock.seconds() })
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (row) return;
  const existing = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, keyId)).get();
  if (!existing) throw notFound("keyId", keyId);
}

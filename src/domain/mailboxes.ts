import { and, asc, count, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { customFields, folders, mailboxAliases, mailboxes, mailboxUsers, users } from "../db/schema";
import { inTexts, isUniqueViolation, lastInsertedId } from "../db/sql";
import { normalizeOptions } from "../lib/customFieldInput";
import { conflict, notFound } from "../lib/errors";
import type { Services } from "../services";
import { namedBatch } from "./batch";
import type { FieldDefinition } from "./fieldDefinitions";
import { PERSONAL_FOLDER_TYPES, PUBLIC_FOLDER_TYPES } from "./folders";
import { sanitizeHtml } from "./mail/sanitize";
import { listPage, type Paging, pageInMemory } from "./paging";

type Deps = Pick<Services, "db">;
type TimedDeps = Pick<Services, "db" | "clock">;

export interface MailboxFilter {
  /** Only mailboxes this user can access: every mailbox for an admin, and (as FreeScout) for an unknown user. */
  userId?: number;
  /** Only these mailboxes (an API key limited to them); null or absent: all. */
  only?: number[] | null;
}

export function listMailboxes({ db }: Deps, filter: MailboxFilter, page: Paging) {
  const byUser =
    filter.userId === undefined
      ? undefined
      : or(
          inArray(
            mailboxes.id,
            db.select({ id: mailboxUsers.mailboxId }).from(mailboxUsers).where(eq(mailboxUsers.userId, filter.userId)),
          ),
          sql`NOT EXISTS (SELECT 1 FROM users u WHERE u.id = ${filter.userId} AND u.role <> 'admin')`,
        );
  const where = and(byUser, filter.only ? inArray(mailboxes.id, filter.only) : undefined);
  return listPage(db, page, {
    rows: db.select().from(mailboxes).where(where).orderBy(asc(mailboxes.id)),
    total: db.select({ n: count() }).from(mailboxes).where(where),
  });
}

/** Mail settings of a mailbox (extension): addresses, sender name, auto-reply, signature. */
export interface MailboxSettings {
  /** Further addresses routed to the mailbox; stored lower-cased, without the primary address. */
  aliases?: string[];
  fromName?: string | null;
  autoReply?: { enabled?: boolean; subject?: string | null; body?: string | null };
  /** HTML; sanitised before it is stored. */
  signature?: string | null;
}

export interface NewMailbox extends MailboxSettings {
  name: string;
  email: string;
}

const ADDRESS_TAKEN = "A mailbox with this email already exists";

/** The settings as columns (only those given), HTML sanitised. */
async function settingColumns(input: MailboxSettings) {
  return {
    ...(input.fromName !== undefined && { fromName: input.fromName }),
    ...(input.autoReply?.enabled !== undefined && { autoReplyEnabled: input.autoReply.enabled }),
    ...(input.autoReply?.subject !== undefined && { autoReplySubject: input.autoReply.subject }),
    ...(input.autoReply?.body !== undefined && {
      autoReplyBody: input.autoReply.body === null ? null : await sanitizeHtml(input.autoReply.body),
    }),
    ...(input.signature !== undefined && {
      signature: input.signature === null ? null : await sanitizeHtml(input.signature),
    }),
  };
}

const aliasList = (aliases: string[], email: string) =>
  [...new Set(aliases.map((alias) => alias.trim().toLowerCase()))].filter((alias) => alias !== email);

/**
 * 409 when an address is another mailbox's: an alias that is some mailbox's primary address or
 * alias, or a primary address that is another mailbox's alias. One read batch.
 */
async function checkAddresses({ db }: Deps, mailboxId: number | null, email: string | undefined, aliases: string[]) {
  const other = mailboxId === null ? sql`1` : sql`${mailboxes.id} <> ${mailboxId}`;
  const otherAlias = mailboxId === null ? sql`1` : sql`${mailboxAliases.mailboxId} <> ${mailboxId}`;
  const addresses = [...aliases, ...(email ? [email] : [])];
  if (!addresses.length) return;
  const found = await namedBatch(db, {
    primary: db
      .select({ email: mailboxes.email })
      .from(mailboxes)
      .where(and(inTexts(mailboxes.email, aliases), other)),
    alias: db
      .select({ address: mailboxAliases.address })
      .from(mailboxAliases)
      .where(and(inTexts(mailboxAliases.address, addresses), otherAlias)),
  });
  const taken = found.primary[0]?.email ?? found.alias[0]?.address;
  if (taken === undefined) return;
  const path = taken === email ? "email" : `aliases[${aliases.indexOf(taken)}]`;
  throw conflict(path, "This address belongs to another mailbox", taken);
}

/** Creates a mailbox, its public folders and its aliases in one batch; 409 if an address is taken. */
export async function createMailbox(services: TimedDeps, input: NewMailbox) {
  const { db, clock } = services;
  const now = clock.seconds();
  const email = input.email.toLowerCase();
  const aliases = aliasList(input.aliases ?? [], email);
  await checkAddresses(services, null, email, aliases);
  const mailboxId = lastInsertedId("mailboxes");
  let inserted: (typeof mailboxes.$inferSelect)[];
  try {
    ({ inserted } = await namedBatch(db, {
      inserted: db
        .insert(mailboxes)
        .values({ name: input.name, email, aliases, ...(await settingColumns(input)), createdAt: now, updatedAt: now })
        .onConflictDoNothing({ target: mailboxes.email })
        .returning(),
      // Runs only when the mailbox row was inserted: the folders belong to the new id.
      folders: db.run(sql`
        INSERT INTO folders (mailbox_id, type)
        SELECT ${mailboxId}, value FROM json_each(${JSON.stringify(PUBLIC_FOLDER_TYPES)})
        WHERE changes() > 0`),
      // Runs only when the folders were inserted, so only for the new mailbox.
      aliases: db.run(sql`
        INSERT INTO mailbox_aliases (address, mailbox_id)
        SELECT value, ${mailboxId} FROM json_each(${JSON.stringify(aliases)})
        WHERE (SELECT changes()) > 0`),
    }));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("aliases", "An alias belongs to another mailbox", input.aliases);
    throw error;
  }
  const mailbox = inserted[0];
  if (!mailbox) throw conflict("email", ADDRESS_TAKEN, input.email);
  return { mailbox };
}

export interface MailboxChange extends MailboxSettings {
  mailboxId: number;
  name?: string;
  email?: string;
}

/** 404 for an unknown mailbox, 409 if the new email or an alias belongs to another one. One write batch. */
export async function updateMailbox(services: TimedDeps, input: MailboxChange) {
  const { db, clock } = services;
  const email = input.email?.toLowerCase();
  const current = await db
    .select({ email: mailboxes.email })
    .from(mailboxes)
    .where(eq(mailboxes.id, input.mailboxId))
    .get();
  if (!current) throw notFound("mailboxId", input.mailboxId);
  const aliases = input.aliases === undefined ? undefined : aliasList(input.aliases, email ?? current.email);
  await checkAddresses(services, input.mailboxId, email, aliases ?? []);
  try {
    const { updated } = await namedBatch(db, {
      updated: db
        .update(mailboxes)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(email !== undefined && { email }),
          ...(aliases !== undefined && { aliases }),
          ...(await settingColumns(input)),
          updatedAt: clock.seconds(),
        })
        .where(eq(mailboxes.id, input.mailboxId))
        .returning({ id: mailboxes.id }),
      ...(aliases !== undefined && {
        cleared: db.delete(mailboxAliases).where(eq(mailboxAliases.mailboxId, input.mailboxId)),
        aliases: db.run(sql`
          INSERT INTO mailbox_aliases (address, mailbox_id)
          SELECT value, ${input.mailboxId} FROM json_each(${JSON.stringify(aliases)})
          WHERE EXISTS (SELECT 1 FROM mailboxes WHERE id = ${input.mailboxId})`),
      }),
    });
    if (updated.length === 0) throw notFound("mailboxId", input.mailboxId);
    return { mailboxId: input.mailboxId };
  } catch (error) {
    if (isUniqueViolation(error)) {
      if (aliases?.length && !/mailboxes\.email/.test(String(error))) {
        throw conflict("aliases", "An alias belongs to another mailbox", input.aliases);
      }
      throw conflict("email", ADDRESS_TAKEN, input.email);
    }
    throw error;
  }
}

export interface MailboxAccess {
  mailboxId: number;
  userId: number;
}

/** Grants access and creates the user's Mine and Starred folders in the mailbox (idempotent). */
export async function grantAccess({ db }: Deps, { mailboxId, userId }: MailboxAccess) {
  const found = await namedBatch(db, {
    mailbox: db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, mailboxId)),
    user: db.select({ id: users.id }).from(users).where(eq(users.id, userId)),
  });
  if (!found.mailbox[0]) throw notFound("mailboxId", mailboxId);
  if (!found.user[0]) throw notFound("userId", userId);
  await namedBatch(db, {
    access: db.insert(mailboxUsers).values({ mailboxId, userId }).onConflictDoNothing(),
    folders: db
      .insert(folders)
      .values(PERSONAL_FOLDER_TYPES.map((type) => ({ mailboxId, userId, type })))
      .onConflictDoNothing(),
  });
  return { access: { mailboxId, userId } };
}

/**
 * Revokes access. The user's personal folders stay: conversations may still be assigned to
 * them, and the folder counters must remain exact if access is granted again.
 */
export async function revokeAccess({ db }: Deps, { mailboxId, userId }: MailboxAccess) {
  const removed = await db
    .delete(mailboxUsers)
    .where(and(eq(mailboxUsers.mailboxId, mailboxId), eq(mailboxUsers.userId, userId)))
    .returning();
  if (removed.length === 0) throw notFound("userId", userId);
  return { access: { mailboxId, userId } };
}

const mailboxExists = ({ db }: Deps, mailboxId: number) =>
  db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, mailboxId));

export interface FolderFilter {
  mailboxId: number;
  /**
   * The public folders and this user's own (Mine, Starred). FreeScout's module returns only the
   * user's own, but the API document's example (userId with a public folderId) shows public folders.
   */
  userId?: number;
  folderId?: number;
}

/** Every folder of the mailbox that matches, by type (a mailbox has a few dozen at most). */
export async function listFolders({ db }: Deps, filter: FolderFilter, page: Paging) {
  const filters: (SQL | undefined)[] = [eq(folders.mailboxId, filter.mailboxId)];
  if (filter.userId !== undefined) filters.push(or(isNull(folders.userId), eq(folders.userId, filter.userId)));
  if (filter.folderId !== undefined) filters.push(eq(folders.id, filter.folderId));
  const { mailbox, rows } = await namedBatch(db, {
    mailbox: mailboxExists({ db }, filter.mailboxId),
    rows: db
      .select()
      .from(folders)
      .where(and(...filters))
      .orderBy(asc(folders.type), asc(folders.userId), asc(folders.id)),
  });
  if (!mailbox[0]) throw notFound("mailboxId", filter.mailboxId);
  return pageInMemory(rows, page);
}

/** The mailbox's custom field definitions in display order. */
export async function listCustomFields({ db }: Deps, mailboxId: number, page: Paging) {
  const { mailbox, rows } = await namedBatch(db, {
    mailbox: mailboxExists({ db }, mailboxId),
    rows: db
      .select()
      .from(customFields)
      .where(eq(customFields.mailboxId, mailboxId))
      .orderBy(asc(customFields.sortOrder), asc(customFields.id)),
  });
  if (!mailbox[0]) throw notFound("mailboxId", mailboxId);
  return pageInMemory(rows, page);
}

export async function createCustomField({ db }: Deps, mailboxId: number, input: FieldDefinition) {
  const mailbox = await mailboxExists({ db }, mailboxId).get();
  if (!mailbox) throw notFound("mailboxId", mailboxId);
  const [field] = await db
    .insert(customFields)
    .values({ mailboxId, ...input, options: normalizeOptions(input.options) })
    .returning();
  return { field: field! };
}

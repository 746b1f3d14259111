import { and, asc, count, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { customFields, folders, mailboxes, mailboxUsers, users } from "../db/schema";
import { isUniqueViolation, lastInsertedId } from "../db/sql";
import { normalizeOptions } from "../lib/customFieldInput";
import { conflict, notFound } from "../lib/errors";
import type { Services } from "../services";
import { namedBatch } from "./batch";
import type { FieldDefinition } from "./fieldDefinitions";
import { PERSONAL_FOLDER_TYPES, PUBLIC_FOLDER_TYPES } from "./folders";
import { listPage, type Paging, pageInMemory } from "./paging";

type Deps = Pick<Services, "db">;
type TimedDeps = Pick<Services, "db" | "clock">;

export interface MailboxFilter {
  /** Only mailboxes this user can access. */
  userId?: number;
}

export function listMailboxes({ db }: Deps, filter: MailboxFilter, page: Paging) {
  const where =
    filter.userId === undefined
      ? undefined
      : inArray(
          mailboxes.id,
          db.select({ id: mailboxUsers.mailboxId }).from(mailboxUsers).where(eq(mailboxUsers.userId, filter.userId)),
        );
  return listPage(db, page, {
    rows: db.select().from(mailboxes).where(where).orderBy(asc(mailboxes.id)),
    total: db.select({ n: count() }).from(mailboxes).where(where),
  });
}

export interface NewMailbox {
  name: string;
  email: string;
}

/** Creates a mailbox and its public folders in one batch; 409 if the email is taken. */
export async function createMailbox({ db, clock }: TimedDeps, input: NewMailbox) {
  const now = clock.seconds();
  const mailboxId = lastInsertedId("mailboxes");
  const { inserted } = await namedBatch(db, {
    inserted: db
      .insert(mailboxes)
      .values({ name: input.name, email: input.email.toLowerCase(), createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: mailboxes.email })
      .returning(),
    // Runs only when the mailbox row was inserted: the folders belong to the new id.
    folders: db.run(sql`
      INSERT INTO folders (mailbox_id, type)
      SELECT ${mailboxId}, value FROM json_each(${JSON.stringify(PUBLIC_FOLDER_TYPES)})
      WHERE changes() > 0`),
  });
  const mailbox = inserted[0];
  if (!mailbox) throw conflict("email", "A mailbox with this email already exists", input.email);
  return { mailbox };
}

export interface MailboxChange {
  mailboxId: number;
  name?: string;
  email?: string;
}

/** 404 for an unknown mailbox, 409 if the new email belongs to another one. */
export async function updateMailbox({ db, clock }: TimedDeps, input: MailboxChange) {
  try {
    const updated = await db
      .update(mailboxes)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.email !== undefined && { email: input.email.toLowerCase() }),
        updatedAt: clock.seconds(),
      })
      .where(eq(mailboxes.id, input.mailboxId))
      .returning({ id: mailboxes.id });
    if (updated.length === 0) throw notFound("mailboxId", input.mailboxId);
    return { mailboxId: input.mailboxId };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("email", "A mailbox with this email already exists", input.email);
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
  /** The public folders and this user's personal ones. */
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

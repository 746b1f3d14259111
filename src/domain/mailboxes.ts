import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { folders, mailboxes, mailboxUsers, users } from "../db/schema";
import { lastInsertedId } from "../db/sql";
import { nowSeconds } from "../lib/dates";
import { conflict, notFound } from "../lib/errors";
import { PERSONAL_FOLDER_TYPES, PUBLIC_FOLDER_TYPES } from "./folders";

/** Creates a mailbox and its public folders in one batch; null if the email is taken. */
export async function createMailbox(db: Database, input: { name: string; email: string }) {
  const now = nowSeconds();
  const mailboxId = lastInsertedId("mailboxes");
  const [inserted] = await db.batch([
    db
      .insert(mailboxes)
      .values({ name: input.name, email: input.email.toLowerCase(), createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: mailboxes.email })
      .returning(),
    // Runs only when the mailbox row was inserted: the folders belong to the new id.
    db.run(sql`
      INSERT INTO folders (mailbox_id, type)
      SELECT ${mailboxId}, value FROM json_each(${JSON.stringify(PUBLIC_FOLDER_TYPES)})
      WHERE changes() > 0`),
  ]);
  const mailbox = inserted[0];
  if (!mailbox) throw conflict("email", "A mailbox with this email already exists", input.email);
  return mailbox;
}

export async function requireMailbox(db: Database, mailboxId: number, path = "mailboxId") {
  const mailbox = await db.select().from(mailboxes).where(eq(mailboxes.id, mailboxId)).get();
  if (!mailbox) throw notFound(path, mailboxId);
  return mailbox;
}

/** Grants access and creates the user's Mine and Starred folders in the mailbox (idempotent). */
export async function grantAccess(db: Database, mailboxId: number, userId: number) {
  const [mailbox, user] = await db.batch([
    db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, mailboxId)),
    db.select({ id: users.id }).from(users).where(eq(users.id, userId)),
  ]);
  if (!mailbox[0]) throw notFound("mailboxId", mailboxId);
  if (!user[0]) throw notFound("userId", userId);
  await db.batch([
    db.insert(mailboxUsers).values({ mailboxId, userId }).onConflictDoNothing(),
    db
      .insert(folders)
      .values(PERSONAL_FOLDER_TYPES.map((type) => ({ mailboxId, userId, type })))
      .onConflictDoNothing(),
  ]);
}

/**
 * Revokes access. The user's personal folders stay: conversations may still be assigned to
 * them, and the folder counters must remain exact if access is granted again.
 */
export async function revokeAccess(db: Database, mailboxId: number, userId: number) {
  const removed = await db
    .delete(mailboxUsers)
    .where(and(eq(mailboxUsers.mailboxId, mailboxId), eq(mailboxUsers.userId, userId)))
    .returning();
  if (removed.length === 0) throw notFound("userId", userId);
}

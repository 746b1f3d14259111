/**
 * Reads of conversations and everything their JSON shows, built to fit in the caller's
 * `batch()`: related rows are fetched by conversation id with index-backed `IN` lists, and
 * the people they mention (assignees, authors, customers) once each, by id, never per row.
 */
import { asc, desc, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "./client";
import {
  attachments,
  conversationCustomFields,
  conversations,
  conversationTags,
  customerEmails,
  customers,
  customFields,
  tags,
  threads,
  timelogs,
  users,
} from "./schema";

export type ConversationRow = typeof conversations.$inferSelect;
export type ThreadRow = typeof threads.$inferSelect;
export type TimelogRow = typeof timelogs.$inferSelect;

export interface PersonRow {
  id: number;
  firstName: string | null;
  lastName: string | null;
  photoUrl: string | null;
  email: string | null;
}

export const selectThreads = (db: Database, conversationIds: number[]) =>
  db
    .select()
    .from(threads)
    .where(inArray(threads.conversationId, conversationIds))
    .orderBy(desc(threads.createdAt), desc(threads.id));

export const selectAttachments = (db: Database, conversationIds: number[]) =>
  db.select().from(attachments).where(inArray(attachments.conversationId, conversationIds)).orderBy(asc(attachments.id));

export const selectFieldValues = (db: Database, conversationIds: number[]) =>
  db.select().from(conversationCustomFields).where(inArray(conversationCustomFields.conversationId, conversationIds));

/** Field definitions of the mailboxes, in display order. */
export const selectFieldDefinitions = (db: Database, mailboxIds: number[] | SQL) =>
  db
    .select()
    .from(customFields)
    .where(inArray(customFields.mailboxId, mailboxIds))
    .orderBy(asc(customFields.sortOrder), asc(customFields.id));

export const selectTimelogs = (db: Database, conversationIds: number[]) =>
  db
    .select()
    .from(timelogs)
    .where(inArray(timelogs.conversationId, conversationIds))
    .orderBy(desc(timelogs.createdAt), desc(timelogs.id));

export const selectTags = (db: Database, conversationIds: number[]) =>
  db
    .select({ conversationId: conversationTags.conversationId, tag: tags })
    .from(conversationTags)
    .innerJoin(tags, sql`${tags.id} = ${conversationTags.tagId}`)
    .where(inArray(conversationTags.conversationId, conversationIds))
    .orderBy(asc(tags.id));

/** Ids as a literal list, or as SQL selecting them (people mentioned by threads not yet read). */
export type IdSource = { ids: number[]; threadsOf?: number[] };

function idsSql(source: IdSource, threadColumns: string[]): number[] | SQL {
  if (!source.threadsOf?.length) return source.ids;
  const conversationIds = sql.join(source.threadsOf.map((id) => sql`${id}`), sql`, `);
  const fromThreads = threadColumns.map(
    (column) => sql`SELECT ${sql.identifier(column)} FROM threads WHERE conversation_id IN (${conversationIds})`,
  );
  return sql`(SELECT value FROM json_each(${JSON.stringify(source.ids)}) UNION ${sql.join(fromThreads, sql` UNION `)})`;
}

/**
 * Users and customers by id, with the first email of the customers whose email the caller
 * does not know yet (a conversation carries its customer's email).
 */
export function peopleStatements(db: Database, userIds: IdSource, customerIds: IdSource, emailsFor: IdSource) {
  return [
    db
      .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, photoUrl: users.photoUrl, email: users.email })
      .from(users)
      .where(inArray(users.id, idsSql(userIds, ["created_by_user_id", "assigned_to_user_id"]))),
    db
      .select({ id: customers.id, firstName: customers.firstName, lastName: customers.lastName, photoUrl: customers.photoUrl })
      .from(customers)
      .where(inArray(customers.id, idsSql(customerIds, ["customer_id", "created_by_customer_id"]))),
    db
      .select({ customerId: customerEmails.customerId, email: customerEmails.email })
      .from(customerEmails)
      .where(inArray(customerEmails.customerId, idsSql(emailsFor, ["customer_id", "created_by_customer_id"])))
      .orderBy(asc(customerEmails.customerId), asc(customerEmails.id)),
  ] as const;
}

export interface People {
  user(id: number | null): PersonRow | null;
  customer(id: number | null): PersonRow | null;
}

export function toPeople(
  results: readonly [
    { id: number; firstName: string; lastName: string; photoUrl: string | null; email: string }[],
    { id: number; firstName: string | null; lastName: string | null; photoUrl: string | null }[],
    { customerId: number; email: string }[],
  ],
  knownEmails: Map<number, string | null>,
): People {
  const [userRows, customerRows, emailRows] = results;
  const emails = new Map(knownEmails);
  for (const row of emailRows) if (!emails.get(row.customerId)) emails.set(row.customerId, row.email);
  const userMap = new Map(userRows.map((row) => [row.id, row]));
  const customerMap = new Map(customerRows.map((row) => [row.id, { ...row, email: emails.get(row.id) ?? null }]));
  return {
    user: (id) => (id === null ? null : (userMap.get(id) ?? null)),
    customer: (id) => (id === null ? null : (customerMap.get(id) ?? null)),
  };
}

export const byConversation = <T extends { conversationId: number }>(rows: readonly T[]) => {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.conversationId);
    if (list) list.push(row);
    else map.set(row.conversationId, [row]);
  }
  return map;
};

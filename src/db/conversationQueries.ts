/**
 * Reads of conversations with everything their JSON shows, built for one `batch()` round
 * trip: people are joined in (no query per row), related rows are fetched by conversation
 * ids with index-backed `IN` lists.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Database } from "./client";
import {
  attachments,
  conversationCustomFields,
  conversations,
  conversationTags,
  customers,
  customFields,
  tags,
  threads,
  timelogs,
  users,
} from "./schema";

export interface PersonRow {
  id: number;
  firstName: string | null;
  lastName: string | null;
  photoUrl: string | null;
  email: string | null;
}

const firstEmail = (customerId: SQLiteColumn) =>
  sql<string | null>`(SELECT email FROM customer_emails WHERE customer_id = ${customerId} ORDER BY id LIMIT 1)`;

interface PeopleColumns {
  id: SQLiteColumn;
  firstName: SQLiteColumn;
  lastName: SQLiteColumn;
  photoUrl: SQLiteColumn;
  email?: SQLiteColumn;
}

/**
 * A user's or customer's reference columns, flattened under a prefix; a customer's email is
 * their first. Each gets an SQL alias: D1 hands batch rows over as objects keyed by column
 * name, so two columns named "id" in one select would overwrite each other.
 */
function personColumns<P extends string>(prefix: P, table: PeopleColumns) {
  const as = (column: SQLiteColumn | SQL, field: string) => sql`${column}`.as(`p_${prefix}_${field}`);
  return {
    [`${prefix}Id`]: as(table.id, "id"),
    [`${prefix}FirstName`]: as(table.firstName, "first_name"),
    [`${prefix}LastName`]: as(table.lastName, "last_name"),
    [`${prefix}PhotoUrl`]: as(table.photoUrl, "photo_url"),
    [`${prefix}Email`]: as(table.email ?? firstEmail(table.id), "email"),
  } as Record<`${P}${"Id" | "FirstName" | "LastName" | "PhotoUrl" | "Email"}`, SQL.Aliased>;
}

function person(row: Record<string, unknown>, prefix: string): PersonRow | null {
  const id = row[`${prefix}Id`];
  if (typeof id !== "number") return null;
  return {
    id,
    firstName: (row[`${prefix}FirstName`] as string | null) ?? null,
    lastName: (row[`${prefix}LastName`] as string | null) ?? null,
    photoUrl: (row[`${prefix}PhotoUrl`] as string | null) ?? null,
    email: (row[`${prefix}Email`] as string | null) ?? null,
  };
}

const assignee = alias(users, "assignee");
const creatorUser = alias(users, "creator_user");
const closer = alias(users, "closer");
const customer = alias(customers, "customer");
const creatorCustomer = alias(customers, "creator_customer");

export type ConversationRow = typeof conversations.$inferSelect & {
  assignee: PersonRow | null;
  createdByUser: PersonRow | null;
  createdByCustomer: PersonRow | null;
  closedByUser: PersonRow | null;
  customer: PersonRow | null;
};

/** Conversations with their people; add where/order/limit to the returned query. */
export function selectConversations(db: Database) {
  return db
    .select({
      conversation: conversations,
      ...personColumns("assignee", assignee),
      ...personColumns("creatorUser", creatorUser),
      ...personColumns("closer", closer),
      ...personColumns("customer", customer),
      ...personColumns("creatorCustomer", creatorCustomer),
    })
    .from(conversations)
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(creatorUser, eq(creatorUser.id, conversations.createdByUserId))
    .leftJoin(closer, eq(closer.id, conversations.closedByUserId))
    .leftJoin(customer, eq(customer.id, conversations.customerId))
    .leftJoin(creatorCustomer, eq(creatorCustomer.id, conversations.createdByCustomerId));
}

export function toConversationRow(row: Record<string, unknown> & { conversation: typeof conversations.$inferSelect }): ConversationRow {
  return {
    ...row.conversation,
    assignee: person(row, "assignee"),
    createdByUser: person(row, "creatorUser"),
    createdByCustomer: person(row, "creatorCustomer"),
    closedByUser: person(row, "closer"),
    customer: person(row, "customer"),
  };
}

const threadCustomer = alias(customers, "thread_customer");
const threadCreatorUser = alias(users, "thread_creator_user");
const threadCreatorCustomer = alias(customers, "thread_creator_customer");
const threadAssignee = alias(users, "thread_assignee");

export type ThreadRow = typeof threads.$inferSelect & {
  customer: PersonRow | null;
  createdByUser: PersonRow | null;
  createdByCustomer: PersonRow | null;
  assignedTo: PersonRow | null;
};

/** Threads of the conversations, newest first (FreeScout's order). */
export function selectThreads(db: Database, conversationIds: number[], only?: SQL) {
  return db
    .select({
      thread: threads,
      ...personColumns("customer", threadCustomer),
      ...personColumns("creatorUser", threadCreatorUser),
      ...personColumns("creatorCustomer", threadCreatorCustomer),
      ...personColumns("assignedTo", threadAssignee),
    })
    .from(threads)
    .leftJoin(threadCustomer, eq(threadCustomer.id, threads.customerId))
    .leftJoin(threadCreatorUser, eq(threadCreatorUser.id, threads.createdByUserId))
    .leftJoin(threadCreatorCustomer, eq(threadCreatorCustomer.id, threads.createdByCustomerId))
    .leftJoin(threadAssignee, eq(threadAssignee.id, threads.assignedToUserId))
    .where(and(inArray(threads.conversationId, conversationIds), only))
    .orderBy(desc(threads.createdAt), desc(threads.id));
}

export function toThreadRow(row: Record<string, unknown> & { thread: typeof threads.$inferSelect }): ThreadRow {
  return {
    ...row.thread,
    customer: person(row, "customer"),
    createdByUser: person(row, "creatorUser"),
    createdByCustomer: person(row, "creatorCustomer"),
    assignedTo: person(row, "assignedTo"),
  };
}

export const selectAttachments = (db: Database, conversationIds: number[]) =>
  db.select().from(attachments).where(inArray(attachments.conversationId, conversationIds)).orderBy(asc(attachments.id));

export const selectCustomFieldValues = (db: Database, conversationIds: number[]) =>
  db
    .select({
      conversationId: conversationCustomFields.conversationId,
      fieldId: conversationCustomFields.customFieldId,
      value: conversationCustomFields.value,
      id: customFields.id,
      name: customFields.name,
      type: customFields.type,
      options: customFields.options,
    })
    .from(conversationCustomFields)
    .innerJoin(customFields, eq(customFields.id, conversationCustomFields.customFieldId))
    .where(inArray(conversationCustomFields.conversationId, conversationIds))
    .orderBy(asc(customFields.sortOrder), asc(customFields.id));

export type TimelogRow = typeof timelogs.$inferSelect;

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
    .innerJoin(tags, eq(tags.id, conversationTags.tagId))
    .where(inArray(conversationTags.conversationId, conversationIds))
    .orderBy(asc(tags.id));

export const byConversation = <T extends { conversationId: number }>(rows: T[]) => {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.conversationId);
    if (list) list.push(row);
    else map.set(row.conversationId, [row]);
  }
  return map;
};

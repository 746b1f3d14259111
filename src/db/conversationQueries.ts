/**
 * Reads of conversations and everything their JSON shows, built to fit in the caller's
 * `batch()`: related rows are fetched by conversation id with index-backed `IN` lists, the
 * customers they show are joined to their rows as one JSON value each, and the users come from
 * the user directory (src/db/userDirectory.ts).
 */
import {
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  type Placeholder,
  type SQL,
  type SQLWrapper,
  type Subquery,
  sql,
} from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Database } from "./client";
import {
  attachments,
  conversations,
  conversationTags,
  customers,
  customFields,
  tags,
  threads,
  timelogs,
} from "./schema";
import { inIds } from "./sql";
import type { DirectoryUser } from "./userDirectory";

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

/** Conversations by literal ids, or one conversation by a placeholder (statements prepared once: src/db/prepared.ts). */
type ConversationIds = number[] | Placeholder;

const ofConversations = (column: SQLiteColumn, ids: ConversationIds) =>
  Array.isArray(ids) ? inIds(column, ids) : eq(column, ids);

const firstEmail = (customerId: SQLiteColumn) =>
  sql<string | null>`(SELECT email FROM customer_emails WHERE customer_id = ${customerId} ORDER BY id LIMIT 1)`;

const threadCustomer = alias(customers, "thread_customer");
const threadCreatorCustomer = alias(customers, "thread_creator_customer");
const otherThreadCreator = sql`CASE WHEN ${threads.createdByCustomerId} <> ${threads.customerId} THEN ${threads.createdByCustomerId} END`;

/**
 * Threads with the customers they name joined in, each as one JSON value (`threadPeople` reads
 * them): a primary-key look-up per customer named, where finding the same people by subqueries
 * over the threads read every thread again for each person column. The users they name come
 * from the user directory (src/db/userDirectory.ts). The creating customer is joined only when
 * it is not the thread's customer (the usual case).
 */
const threadsWithCustomers = (db: Database) =>
  db
    .select({
      ...getTableColumns(threads),
      ...refColumn("tc", threadCustomer, firstEmail(threadCustomer.id)),
      ...refColumn("tcc", threadCreatorCustomer, firstEmail(threadCreatorCustomer.id)),
    })
    .from(threads)
    .leftJoin(threadCustomer, eq(threadCustomer.id, threads.customerId))
    .leftJoin(threadCreatorCustomer, eq(threadCreatorCustomer.id, otherThreadCreator));

/** The conversations' threads, newest first. */
export const selectThreads = (db: Database, conversationIds: ConversationIds) =>
  threadsWithCustomers(db)
    .where(ofConversations(threads.conversationId, conversationIds))
    .orderBy(desc(threads.createdAt), desc(threads.id));

/** One thread. */
export const selectThread = (db: Database, threadId: number | Placeholder) =>
  threadsWithCustomers(db).where(eq(threads.id, threadId));

type ThreadWithPeople = Awaited<ReturnType<ReturnType<typeof selectThreads>["all"]>>[number];

/** The customers `selectThreads` joined to its rows, and the users of the directory. */
export function threadPeople(rows: readonly ThreadWithPeople[], directory: ReadonlyMap<number, DirectoryUser>): People {
  return peopleFrom(rows, ["tc", "tcc"], directory);
}

export const selectAttachments = (db: Database, conversationIds: ConversationIds) =>
  db
    .select()
    .from(attachments)
    .where(ofConversations(attachments.conversationId, conversationIds))
    .orderBy(asc(attachments.id));

/** Field definitions of the mailboxes (all of them if not given), in display order. */
export const selectFieldDefinitions = (db: Database, mailboxIds?: number[] | SQL) =>
  db
    .select()
    .from(customFields)
    .where(mailboxIds === undefined ? undefined : inArray(customFields.mailboxId, mailboxIds))
    .orderBy(asc(customFields.sortOrder), asc(customFields.id));

export const selectTimelogs = (db: Database, conversationIds: ConversationIds) =>
  db
    .select()
    .from(timelogs)
    .where(ofConversations(timelogs.conversationId, conversationIds))
    .orderBy(desc(timelogs.createdAt), desc(timelogs.id));

export const selectTags = (db: Database, conversationIds: ConversationIds) =>
  db
    .select({ conversationId: conversationTags.conversationId, tag: tags })
    .from(conversationTags)
    .innerJoin(tags, sql`${tags.id} = ${conversationTags.tagId}`)
    .where(ofConversations(conversationTags.conversationId, conversationIds))
    .orderBy(asc(tags.id));

export interface People {
  user(id: number | null): PersonRow | null;
  customer(id: number | null): PersonRow | null;
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

const pageCustomer = alias(customers, "page_customer");
const pageCreatorCustomer = alias(customers, "page_creator_customer");

type RefTable = { id: SQLiteColumn; firstName: SQLiteColumn; lastName: SQLiteColumn; photoUrl: SQLiteColumn };

/**
 * A person's reference as one JSON value built by SQLite (null without a person): five people
 * per row cost five values to hand over and map, not twenty-five aliased columns (D1 hands
 * batch rows over as objects keyed by column name, so joined columns need names of their own).
 */
function refColumn(prefix: string, table: RefTable, email: SQLiteColumn | SQL) {
  return {
    [prefix]: sql<string | null>`CASE WHEN ${table.id} IS NULL THEN NULL ELSE json_object('id', ${table.id},
      'firstName', ${table.firstName}, 'lastName', ${table.lastName}, 'photoUrl', ${table.photoUrl}, 'email', ${email}) END`.as(
      `${prefix}_ref`,
    ),
  };
}

const otherCreator = sql`CASE WHEN ${conversations.createdByCustomerId} <> ${conversations.customerId} THEN ${conversations.createdByCustomerId} END`;

const PAGE_FIELDS = {
  conversation: conversations,
  // The address the conversation is with, else the customer's first (a conversation without one).
  ...refColumn("pc", pageCustomer, sql`COALESCE(${conversations.customerEmail}, ${firstEmail(pageCustomer.id)})`),
  ...refColumn("pcc", pageCreatorCustomer, firstEmail(pageCreatorCustomer.id)),
};

/**
 * A page of conversations with the customers each item shows, joined in: one row read per
 * customer shown, against two for looking the same customers up by id afterwards (the users
 * come from the user directory). The creating customer is joined only when it is not the
 * conversation's customer (the usual case). `ids`: a select of the page's ids (`id`), read
 * first and joined to the rows, where `id IN (...)` would read the ids twice.
 */
export function selectConversationPage(db: Database) {
  return db
    .select(PAGE_FIELDS)
    .from(conversations)
    .leftJoin(pageCustomer, eq(pageCustomer.id, conversations.customerId))
    .leftJoin(pageCreatorCustomer, eq(pageCreatorCustomer.id, otherCreator));
}

/**
 * The page whose ids `page` selects (its `id` column, in the page's order), read first: the rows
 * come in that order, as the ids lead the join (CROSS JOIN keeps SQLite from reordering it),
 * and neither an `id IN (...)` nor an ORDER BY reads the page a second time.
 */
export function selectConversationPageOf(db: Database, page: Subquery & { id: SQLWrapper }) {
  return db
    .select(PAGE_FIELDS)
    .from(page)
    .crossJoin(conversations)
    .leftJoin(pageCustomer, eq(pageCustomer.id, conversations.customerId))
    .leftJoin(pageCreatorCustomer, eq(pageCreatorCustomer.id, otherCreator))
    .where(eq(conversations.id, page.id));
}

type PageRow = Awaited<ReturnType<ReturnType<typeof selectConversationPage>["all"]>>[number];

function personFrom(row: Record<string, unknown>, prefix: string): PersonRow | null {
  const json = row[prefix];
  return typeof json === "string" ? (JSON.parse(json) as PersonRow) : null;
}

/** The customers of rows that carry them as JSON references under these column names, and the directory's users. */
function peopleFrom(
  rows: readonly object[],
  customerRefs: string[],
  directory: ReadonlyMap<number, DirectoryUser>,
): People {
  const customersById = new Map<number, PersonRow>();
  for (const row of rows as readonly Record<string, unknown>[]) {
    for (const prefix of customerRefs) {
      const person = personFrom(row, prefix);
      if (person && !customersById.get(person.id)?.email) customersById.set(person.id, person);
    }
  }
  return {
    user: (id) => (id === null ? null : (directory.get(id) ?? null)),
    customer: (id) => (id === null ? null : (customersById.get(id) ?? null)),
  };
}

/** The page's conversation rows and their people: the customers joined to them, the directory's users. */
export function splitPage(
  rows: readonly PageRow[],
  directory: ReadonlyMap<number, DirectoryUser>,
): { rows: ConversationRow[]; people: People } {
  return { rows: rows.map((row) => row.conversation), people: peopleFrom(rows, ["pc", "pcc"], directory) };
}

/** People from `first`, else from `second` (a page's joined people, then its threads'). */
export const mergePeople = (first: People, second: People): People => ({
  user: (id) => first.user(id) ?? second.user(id),
  customer: (id) => first.customer(id) ?? second.customer(id),
});

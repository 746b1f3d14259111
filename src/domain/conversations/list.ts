/**
 * List Conversations: the document's filters and sorts as index-backed SQL. Two round
 * trips: the page and its total, then everything the page's items show.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  type ConversationRow,
  mergePeople,
  type People,
  selectAttachments,
  selectConversationPage,
  selectConversationPageOf,
  selectFieldDefinitions,
  selectTags,
  selectThreads,
  selectTimelogs,
  splitPage,
} from "../../db/conversationQueries";
import { conversationCounts, conversations, conversationTags, folders, tagCounts } from "../../db/schema";
import { userDirectoryReads } from "../../db/userDirectory";
import {
  type ConversationState,
  type ConversationStatus,
  type ConversationType,
  FolderType,
} from "../../lib/vocabulary";
import { type ConversationListItem, presentListItem } from "../../present/conversation";
import { namedBatch } from "../batch";
import { normalizeEmail } from "../customers/resolution";
import type { Paging } from "../paging";
import { batchGroups } from "./batchGroups";
import { type Embed, presentRelated, type Reader, type RelatedResults } from "./load";
import { type CompiledSearch, compileSearch, matching } from "./search/compile";
import { type CustomFieldFilter, customFieldCondition } from "./search/customFields";
import { TEXT_INDEX, textIndex } from "./search/fts";
import { checkCustomFields, readQuery } from "./search/query";
import { type TagPlan, tagCondition, tagPlan } from "./tagPlan";
import { normalizeTagName } from "./tagsAndFields";

export const SORT_FIELDS = ["createdAt", "mailboxId", "number", "subject", "updatedAt", "waitingSince"] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface ListFilters {
  mailboxId?: number[];
  folderId?: number;
  /** Absent or empty: every status, as FreeScout's module lists (the document's default of active is not applied). */
  status?: ConversationStatus[];
  /** Absent: every state, as FreeScout's module lists. */
  state?: ConversationState;
  type?: ConversationType;
  /** null: unassigned. */
  assignedTo?: number | null;
  customerEmail?: string;
  customerPhone?: string;
  customerId?: number;
  number?: number;
  subject?: string;
  tag?: string;
  /** null: created by no user. */
  createdByUserId?: number | null;
  /** null: created by no customer. */
  createdByCustomerId?: number | null;
  createdSince?: number;
  updatedSince?: number;
  /** Extension: the search language (README "Search", search/parse.ts). */
  query?: string;
  /** Extension: custom field values, all of them. */
  customFields?: CustomFieldFilter[];
}

const sortColumns = {
  createdAt: conversations.createdAt,
  mailboxId: conversations.mailboxId,
  number: conversations.number,
  subject: conversations.subject,
  updatedAt: conversations.updatedAt,
  waitingSince: conversations.lastReplyAt,
} as const;

/** `%` and `_` in the user's text match themselves. */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * Case-insensitive substring match. Three characters or more: a phrase query on the trigram
 * index (migrations/0003), the text quoted so nothing in it is query syntax. Shorter texts
 * have no trigram to look up and fall back to LIKE.
 */
function subjectContains(text: string): SQL {
  if ([...text].length < 3) return sql`${conversations.subject} LIKE ${likeContains(text)} ESCAPE '\\'`;
  const phrase = `"${text.replaceAll('"', '""')}"`;
  return inArray(
    conversations.id,
    sql`(SELECT rowid FROM conversations_subject_fts WHERE conversations_subject_fts MATCH ${phrase})`,
  );
}

function conditions(
  filters: ListFilters,
  mineFolder: { mailboxId: number; userId: number } | null,
  plans: { tag?: TagPlan } = {},
): SQL | undefined {
  const c = conversations;
  const status = filters.status ?? [];
  return and(
    filters.mailboxId?.length ? inArray(c.mailboxId, filters.mailboxId) : undefined,
    status.length ? inArray(c.status, status) : undefined,
    filters.state ? eq(c.state, filters.state) : undefined,
    filters.type ? eq(c.type, filters.type) : undefined,
    filters.assignedTo === null ? isNull(c.assigneeId) : undefined,
    typeof filters.assignedTo === "number" ? eq(c.assigneeId, filters.assignedTo) : undefined,
    filters.customerId !== undefined ? eq(c.customerId, filters.customerId) : undefined,
    // The address the conversation is with, as FreeScout compares it.
    filters.customerEmail !== undefined ? eq(c.customerEmail, normalizeEmail(filters.customerEmail)) : undefined,
    filters.customerPhone !== undefined
      ? inArray(
          c.customerId,
          sql`(SELECT customer_id FROM customer_phones WHERE value = ${filters.customerPhone.trim()})`,
        )
      : undefined,
    filters.number !== undefined ? eq(c.number, filters.number) : undefined,
    filters.subject ? subjectContains(filters.subject) : undefined,
    filters.tag !== undefined ? tagCondition(normalizeTagName(filters.tag), plans.tag ?? "lookup") : undefined,
    filters.createdByUserId === null ? isNull(c.createdByUserId) : undefined,
    typeof filters.createdByUserId === "number" ? eq(c.createdByUserId, filters.createdByUserId) : undefined,
    filters.createdByCustomerId === null ? isNull(c.createdByCustomerId) : undefined,
    typeof filters.createdByCustomerId === "number"
      ? eq(c.createdByCustomerId, filters.createdByCustomerId)
      : undefined,
    // ">=" as FreeScout: a poller passing its last seen time gets that second's rows again, never loses one.
    filters.createdSince !== undefined ? gte(c.createdAt, filters.createdSince) : undefined,
    filters.updatedSince !== undefined ? gte(c.updatedAt, filters.updatedSince) : undefined,
    ...(filters.customFields ?? []).map(customFieldCondition),
    ...folderConditions(filters.folderId, mineFolder),
  );
}

/** A public folder is a folder_id; a user's Mine folder is the Assigned rule for that user. */
function folderConditions(folderId: number | undefined, mine: { mailboxId: number; userId: number } | null): SQL[] {
  if (folderId === undefined) return [];
  if (!mine) return [eq(conversations.folderId, folderId)];
  return [
    eq(conversations.mailboxId, mine.mailboxId),
    eq(conversations.assigneeId, mine.userId),
    eq(conversations.state, "published"),
    inArray(conversations.status, ["active", "pending"]),
  ];
}

const ALL_STATUSES: ConversationStatus[] = ["active", "pending", "closed", "spam"];

/** Every conversation is in exactly one of its mailbox's public folders. */
const PUBLIC_FOLDER_TYPES = [
  FolderType.Unassigned,
  FolderType.Drafts,
  FolderType.Assigned,
  FolderType.Closed,
  FolderType.Spam,
  FolderType.Deleted,
];

/**
 * `totalElements` from the folder counters when the filters are exactly what folders count
 * (mailboxes; every state and status, or published with statuses, an assignee or
 * unassigned): a few folder rows instead of counting every match. Null when another filter
 * is present.
 */
function counterTotal(filters: ListFilters, mine: unknown): { sum: SQL; where: SQL | undefined } | null {
  const { mailboxId, status, state, assignedTo, ...rest } = filters;
  if (mine || Object.values(rest).some((value) => value !== undefined)) return null;
  const inMailboxes = mailboxId?.length ? inArray(folders.mailboxId, mailboxId) : undefined;
  if (state === undefined) {
    if (status?.length || assignedTo !== undefined) return null;
    return {
      sum: sql`${folders.totalCount}`,
      where: and(inArray(folders.type, PUBLIC_FOLDER_TYPES), isNull(folders.userId), inMailboxes),
    };
  }
  if (state !== "published") return null;
  const statuses = status?.length ? status : ALL_STATUSES;
  const has = (name: ConversationStatus, expression: SQL) => (statuses.includes(name) ? expression : sql`0`);
  const open = sql`${has("active", sql`${folders.activeCount}`)} + ${has("pending", sql`${folders.totalCount} - ${folders.activeCount}`)}`;
  if (assignedTo === undefined) {
    const sum = sql`CASE WHEN ${folders.type} IN (${FolderType.Unassigned}, ${FolderType.Assigned}) THEN ${open}
      WHEN ${folders.type} = ${FolderType.Closed} THEN ${has("closed", sql`${folders.totalCount}`)}
      WHEN ${folders.type} = ${FolderType.Spam} THEN ${has("spam", sql`${folders.totalCount}`)} ELSE 0 END`;
    const types = [FolderType.Unassigned, FolderType.Assigned, FolderType.Closed, FolderType.Spam];
    return { sum, where: and(inArray(folders.type, types), isNull(folders.userId), inMailboxes) };
  }
  if (statuses.includes("closed") || statuses.includes("spam")) return null;
  const where =
    assignedTo === null
      ? and(eq(folders.type, FolderType.Unassigned), isNull(folders.userId), inMailboxes)
      : and(eq(folders.type, FolderType.Mine), eq(folders.userId, assignedTo), inMailboxes);
  return { sum: open, where };
}

const given = (value: unknown) => value !== undefined && !(Array.isArray(value) && value.length === 0);

/**
 * `totalElements` from the counters of migration 0017 when the filters are only mailboxes,
 * statuses, a state and an assignee (or a tag instead of the assignee): a few counter rows,
 * whatever the number of matches. Null when another filter is present.
 */
function countsTotal(db: Database, filters: ListFilters, mine: unknown) {
  const { mailboxId, status, state, assignedTo, tag, ...rest } = filters;
  if (mine || Object.values(rest).some(given) || (tag !== undefined && assignedTo !== undefined)) return null;
  const table = tag === undefined ? conversationCounts : tagCounts;
  const where = and(
    mailboxId?.length ? inArray(table.mailboxId, mailboxId) : undefined,
    status?.length ? inArray(table.status, status) : undefined,
    state !== undefined ? eq(table.state, state) : undefined,
    assignedTo !== undefined ? eq(conversationCounts.assigneeId, assignedTo ?? 0) : undefined,
    tag !== undefined
      ? eq(tagCounts.tagId, sql`(SELECT id FROM tags WHERE name = ${normalizeTagName(tag)})`)
      : undefined,
  );
  return db
    .select({ n: sql<number>`coalesce(sum(${table.n}), 0)`.mapWith(Number) })
    .from(table)
    .where(where);
}

function countStatement(db: Database, filters: ListFilters, mine: unknown, where: SQL | undefined) {
  const counters = counterTotal(filters, mine);
  if (counters) {
    return db
      .select({ n: sql<number>`coalesce(sum(${counters.sum}), 0)`.mapWith(Number) })
      .from(folders)
      .where(counters.where);
  }
  return countsTotal(db, filters, mine) ?? db.select({ n: count() }).from(conversations).where(where);
}

export interface ListInput {
  filters: ListFilters;
  /** No field: by relevance when the query has text every result matches, else createdAt. */
  sort: { field?: SortField; order: "asc" | "desc" };
  embed: ReadonlySet<Embed>;
  page: Paging;
}

type Sort = { field: SortField; order: "asc" | "desc" };

function pageStatement(db: Database, where: SQL | undefined, sort: Sort, page: Paging) {
  const direction = sort.order === "asc" ? asc : desc;
  return selectConversationPage(db)
    .where(where)
    .orderBy(direction(sortColumns[sort.field]), direction(conversations.id))
    .limit(page.size)
    .offset(page.offset);
}

/**
 * The page's ids first, then their rows with the people: the extensions' filters find their
 * matches through a look-up and sort them, and the people are joined to the page only, not to
 * every match before the sort.
 */
function idsFirstPageStatement(db: Database, where: SQL | undefined, sort: Sort, page: Paging) {
  const direction = sort.order === "asc" ? asc : desc;
  const order = [direction(sortColumns[sort.field]), direction(conversations.id)];
  const ids = db
    .select({ id: conversations.id })
    .from(conversations)
    .where(where)
    .orderBy(...order)
    .limit(page.size)
    .offset(page.offset);
  return selectConversationPageOf(db, ids.as("page_ids"));
}

/**
 * The page's select for a sort field. Ids first for the extensions' filters (query,
 * customField), and for any page after the first: OFFSET skips rows after the joins, so a deep
 * page would look up the people of every skipped row (page 200 read 28,130 rows at 100k
 * conversations); the ids alone come from the sort's index.
 */
const sortedPageStatement = (filters: ListFilters, page: Paging) =>
  filters.query !== undefined || filters.customFields?.length || page.offset > 0
    ? idsFirstPageStatement
    : pageStatement;

const matches = (match: string) => sql`${sql.raw(TEXT_INDEX)} MATCH ${match}`;

/** Best matches first (bm25, see fts.ts): the index hands its matches over in rank order. */
function rankedPageStatement(db: Database, match: string, where: SQL | undefined, page: Paging) {
  return selectConversationPage(db)
    .innerJoin(textIndex, eq(textIndex.rowid, conversations.id))
    .where(and(matches(match), where))
    .orderBy(asc(textIndex.rank))
    .limit(page.size)
    .offset(page.offset);
}

/** A text search counts its matches in the index, reading a conversation only to check other filters. */
function matchCountStatement(db: Database, match: string, where: SQL | undefined) {
  const counted = db.select({ n: count() }).from(textIndex);
  return where === undefined
    ? counted.where(matches(match))
    : counted.innerJoin(conversations, eq(conversations.id, textIndex.rowid)).where(and(matches(match), where));
}

/** The page's select for filters without a folder or tag, as the query-plan test reads it. */
export const plainPageStatement = (db: Database, filters: ListFilters, sort: Sort, page: Paging) =>
  sortedPageStatement(filters, page)(db, conditions(filters, null), sort, page);

/** The page and its total: a text search reads and counts its matches from the word index. */
function listStatements(
  db: Database,
  filters: ListFilters,
  mine: { mailboxId: number; userId: number } | null,
  plans: { tag?: TagPlan },
  sort: ListInput["sort"],
  page: Paging,
  search: CompiledSearch,
) {
  const where = and(conditions(filters, mine, plans), search.rest);
  const { match } = search;
  if (match === undefined) {
    // Counting reads every match whatever the plan: the tag's own list is the cheaper way.
    const counted = plans.tag === "scan" ? and(conditions(filters, mine, { tag: "lookup" }), search.rest) : where;
    if (onlyTag(filters, mine, search) && (sort.field ?? "createdAt") === "createdAt") {
      return {
        page: tagPageStatement(db, filters.tag!, sort.order, page),
        total: countStatement(db, filters, mine, counted),
      };
    }
    return {
      page: sortedPageStatement(filters, page)(
        db,
        where,
        { field: sort.field ?? "createdAt", order: sort.order },
        page,
      ),
      total: countStatement(db, filters, mine, counted),
    };
  }
  return {
    page:
      sort.field === undefined
        ? rankedPageStatement(db, match, where, page)
        : idsFirstPageStatement(db, and(matching(match), where), { field: sort.field, order: sort.order }, page),
    total: matchCountStatement(db, match, where),
  };
}

/** A tag and nothing else that narrows (every status and state): its links hold the order. */
function onlyTag(filters: ListFilters, mine: unknown, search: CompiledSearch) {
  const { tag, status, ...rest } = filters;
  return tag !== undefined && !mine && search.rest === undefined && !given(status) && !Object.values(rest).some(given);
}

/** A tag's page newest (or oldest) first from the links' (tag, created_at) index; people joined to the page only. */
function tagPageStatement(db: Database, tag: string, order: "asc" | "desc", page: Paging) {
  const direction = order === "asc" ? asc : desc;
  const ids = db
    .select({ id: conversationTags.conversationId })
    .from(conversationTags)
    .where(eq(conversationTags.tagId, sql`(SELECT id FROM tags WHERE name = ${normalizeTagName(tag)})`))
    .orderBy(direction(conversationTags.createdAt), direction(conversationTags.conversationId))
    .limit(page.size)
    .offset(page.offset);
  return selectConversationPageOf(db, ids.as("page_ids"));
}

/** The page's select and count for a search (`query`), as the query-plan test reads them. */
export const searchStatements = (db: Database, filters: ListFilters, sort: ListInput["sort"], page: Paging) =>
  listStatements(db, filters, null, {}, sort, page, compileSearch(readQuery(filters.query ?? "")));

export async function listConversations(
  services: Reader,
  input: ListInput,
): Promise<{ items: ConversationListItem[]; total: number }> {
  const { db } = services;
  const { filters, sort, embed, page } = input;
  const query = filters.query === undefined ? undefined : { text: filters.query, tree: readQuery(filters.query) };
  const search: CompiledSearch = query ? compileSearch(query.tree) : {};
  let mine: { mailboxId: number; userId: number } | null = null;
  if (filters.folderId !== undefined) {
    const folder = await db
      .select({ mailboxId: folders.mailboxId, userId: folders.userId, type: folders.type })
      .from(folders)
      .where(eq(folders.id, filters.folderId))
      .get();
    if (folder?.type === FolderType.Mine && folder.userId !== null)
      mine = { mailboxId: folder.mailboxId, userId: folder.userId };
  }
  // A tag alone in creation order reads its links' index; otherwise the tag's plan decides.
  const byTagIndex = onlyTag(filters, mine, search) && (sort.field ?? "createdAt") === "createdAt";
  const plans = {
    tag:
      filters.tag === undefined || byTagIndex
        ? undefined
        : await tagPlan(services, { name: normalizeTagName(filters.tag), pageSize: page.size }),
  };
  const directory = userDirectoryReads(db);
  const [usersVersion, users] = directory.statements;
  const reads = await namedBatch(db, {
    ...listStatements(db, filters, mine, plans, sort, page, search),
    definitions: selectFieldDefinitions(db),
    usersVersion,
    users,
  });
  if (filters.customFields?.length || query) checkCustomFields(reads.definitions, filters.customFields ?? [], query);
  const { page: pageRows, definitions } = reads;
  const totalElements = reads.total[0]?.n ?? 0;
  if (pageRows.length === 0) return { items: [], total: totalElements };
  const userRows = directory.read([reads.usersVersion, reads.users]);
  const { rows, people: joined } = splitPage(pageRows, userRows);
  const related = await readRelated(db, rows, definitions, embed);
  const parts = await presentRelated(related.results, embed, mergePeople(joined, related.people), userRows, services);
  const now = services.clock.seconds();
  const items = rows.map((row) => {
    const { customFields, embedded } = parts(row);
    return presentListItem(row, mergePeople(joined, related.people), customFields, embedded, now);
  });
  return { items, total: totalElements };
}

const noPeople: People = { user: () => null, customer: () => null };

/**
 * What the page's items embed (threads come with their people joined in): a second round trip only
 * when something is embedded.
 */
async function readRelated(
  db: Database,
  rows: ConversationRow[],
  definitions: RelatedResults[0],
  embed: ReadonlySet<Embed>,
): Promise<{ results: RelatedResults; people: People }> {
  if (embed.size === 0) return { results: [definitions, [], [], [], []], people: noPeople };
  const ids = rows.map((row) => row.id);
  const when = (name: Embed) => (embed.has(name) ? ids : []);
  const reads = await batchGroups(db, {
    threads: selectThreads(db, when("threads")),
    attachments: selectAttachments(db, when("threads")),
    timelogs: selectTimelogs(db, when("timelogs")),
    tags: selectTags(db, when("tags")),
  });
  // The threads' people come joined to them (presentRelated reads them).
  return { results: [definitions, reads.threads, reads.attachments, reads.timelogs, reads.tags], people: noPeople };
}

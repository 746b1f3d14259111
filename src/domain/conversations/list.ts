/**
 * List Conversations: the document's filters and sorts as index-backed SQL. Two round
 * trips: the page and its total, then everything the page's items show.
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { selectConversations, toConversationRow } from "../../db/conversationQueries";
import {
  type ConversationState,
  type ConversationStatus,
  conversations,
  FolderType,
  folders,
} from "../../db/schema";
import { nowSeconds } from "../../lib/dates";
import type { Paging } from "../../lib/paging";
import { type ConversationListItem, presentListItem } from "../../present/conversation";
import { normalizeEmail } from "../customerResolution";
import { type Embed, type PresentContext, presentRelated, relatedStatements } from "./load";
import { normalizeTagName } from "./tagsAndFields";

export const SORT_FIELDS = ["createdAt", "mailboxId", "number", "subject", "updatedAt", "waitingSince"] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface ListFilters {
  mailboxId?: number[];
  folderId?: number;
  /** Absent: active; empty: every status (`status=all`). */
  status?: ConversationStatus[];
  /** Absent: published (drafts and deleted conversations only when asked for). */
  state?: ConversationState;
  type?: "email" | "phone" | "chat";
  /** null: unassigned. */
  assignedTo?: number | null;
  customerEmail?: string;
  customerPhone?: string;
  customerId?: number;
  number?: number;
  subject?: string;
  tag?: string;
  createdByUserId?: number;
  createdByCustomerId?: number;
  createdSince?: number;
  updatedSince?: number;
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

function conditions(filters: ListFilters, mineFolder: { mailboxId: number; userId: number } | null): SQL | undefined {
  const c = conversations;
  const status = filters.status ?? ["active"];
  return and(
    filters.mailboxId?.length ? inArray(c.mailboxId, filters.mailboxId) : undefined,
    status.length ? inArray(c.status, status) : undefined,
    eq(c.state, filters.state ?? "published"),
    filters.type ? eq(c.type, filters.type) : undefined,
    filters.assignedTo === null ? isNull(c.assigneeId) : undefined,
    typeof filters.assignedTo === "number" ? eq(c.assigneeId, filters.assignedTo) : undefined,
    filters.customerId !== undefined ? eq(c.customerId, filters.customerId) : undefined,
    filters.customerEmail !== undefined
      ? inArray(c.customerId, sql`(SELECT customer_id FROM customer_emails WHERE email = ${normalizeEmail(filters.customerEmail)})`)
      : undefined,
    filters.customerPhone !== undefined
      ? inArray(c.customerId, sql`(SELECT customer_id FROM customer_phones WHERE value = ${filters.customerPhone.trim()})`)
      : undefined,
    filters.number !== undefined ? eq(c.number, filters.number) : undefined,
    filters.subject ? sql`${c.subject} LIKE ${likeContains(filters.subject)} ESCAPE '\\'` : undefined,
    filters.tag !== undefined
      ? inArray(
          c.id,
          sql`(SELECT conversation_id FROM conversation_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ${normalizeTagName(filters.tag)}))`,
        )
      : undefined,
    filters.createdByUserId !== undefined ? eq(c.createdByUserId, filters.createdByUserId) : undefined,
    filters.createdByCustomerId !== undefined ? eq(c.createdByCustomerId, filters.createdByCustomerId) : undefined,
    filters.createdSince !== undefined ? gt(c.createdAt, filters.createdSince) : undefined,
    filters.updatedSince !== undefined ? gt(c.updatedAt, filters.updatedSince) : undefined,
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

export async function listConversations(
  db: Database,
  filters: ListFilters,
  sort: { field: SortField; order: "asc" | "desc" },
  embed: ReadonlySet<Embed>,
  page: Paging,
  ctx: PresentContext,
): Promise<{ items: ConversationListItem[]; total: number }> {
  let mine: { mailboxId: number; userId: number } | null = null;
  if (filters.folderId !== undefined) {
    const folder = await db
      .select({ mailboxId: folders.mailboxId, userId: folders.userId, type: folders.type })
      .from(folders)
      .where(eq(folders.id, filters.folderId))
      .get();
    if (folder?.type === FolderType.Mine && folder.userId !== null) mine = { mailboxId: folder.mailboxId, userId: folder.userId };
  }
  const where = conditions(filters, mine);
  const direction = sort.order === "asc" ? asc : desc;
  const [rows, [total]] = await db.batch([
    selectConversations(db)
      .where(where)
      .orderBy(direction(sortColumns[sort.field]), direction(conversations.id))
      .limit(page.size)
      .offset(page.offset),
    db.select({ n: count() }).from(conversations).where(where),
  ]);
  if (rows.length === 0) return { items: [], total: total?.n ?? 0 };
  const ids = rows.map((row) => row.conversation.id);
  const related = await db.batch(relatedStatements(db, ids, embed));
  const parts = await presentRelated(related, embed, ctx);
  const now = nowSeconds();
  const items = rows.map((raw) => {
    const row = toConversationRow(raw);
    const { customFields, embedded } = parts(row.id);
    return presentListItem(row, customFields, embedded, now);
  });
  return { items, total: total?.n ?? 0 };
}

/** Conversations as the API returns them, read in one round trip per step. */
import { asc, eq } from "drizzle-orm";
import type { BatchResponse } from "drizzle-orm/batch";
import type { Database } from "../../db/client";
import {
  byConversation,
  selectAttachments,
  selectConversations,
  selectCustomFieldValues,
  selectTags,
  selectThreads,
  selectTimelogs,
  toConversationRow,
  toThreadRow,
  type ConversationRow,
} from "../../db/conversationQueries";
import { attachments, conversations, threads } from "../../db/schema";
import { nowSeconds } from "../../lib/dates";
import { presentAttachments } from "../../present/attachment";
import {
  type Conversation,
  presentConversation,
  presentThread,
  presentTimelog,
} from "../../present/conversation";
import { presentTag } from "../../present/tag";
import { presentFieldValues } from "../fieldValues";

export const EMBEDS = ["threads", "timelogs", "tags"] as const;
export type Embed = (typeof EMBEDS)[number];

const isEmbed = (value: string): value is Embed => (EMBEDS as readonly string[]).includes(value);

/** The `embed` query parameter as a set (its values are validated by the route's schema). */
export const embedSet = (values: readonly string[] | undefined, fallback: Embed[]) =>
  new Set<Embed>(values ? values.filter(isEmbed) : fallback);

/** What presenting needs besides rows: attachment links are absolute and signed. */
export interface PresentContext {
  origin: string;
  attachmentSecret: string;
}

/** The statements that read what the conversations embed; part of the caller's batch. */
export function relatedStatements(db: Database, ids: number[], embed: ReadonlySet<Embed>) {
  const when = (name: Embed) => (embed.has(name) ? ids : []);
  return [
    selectCustomFieldValues(db, ids),
    selectThreads(db, when("threads")),
    selectAttachments(db, when("threads")),
    selectTimelogs(db, when("timelogs")),
    selectTags(db, when("tags")),
  ] as const;
}

type RelatedResults = BatchResponse<ReturnType<typeof relatedStatements>>;

export interface PresentedParts {
  customFields: Conversation["customFields"];
  embedded: Conversation["_embedded"];
}

/** Splits the related rows per conversation and presents them. */
export async function presentRelated(
  results: RelatedResults,
  embed: ReadonlySet<Embed>,
  ctx: PresentContext,
): Promise<(id: number) => PresentedParts> {
  const [fieldValues, threadRows, attachmentRows, timelogRows, tagRows] = results;
  const attachmentsByThread = new Map<number, Awaited<ReturnType<typeof presentAttachments>>>();
  const presentedAttachments = await presentAttachments(ctx.origin, ctx.attachmentSecret, attachmentRows);
  attachmentRows.forEach((row, index) => {
    const list = attachmentsByThread.get(row.threadId) ?? [];
    list.push(presentedAttachments[index]!);
    attachmentsByThread.set(row.threadId, list);
  });
  const fields = byConversation(fieldValues);
  const threadsOf = byConversation(threadRows.map((row) => toThreadRow(row)));
  const timelogsOf = byConversation(timelogRows);
  const tagsOf = byConversation(tagRows);

  return (id) => {
    const embedded: Conversation["_embedded"] = {};
    if (embed.has("threads")) {
      embedded.threads = (threadsOf.get(id) ?? []).map((thread) =>
        presentThread(thread, attachmentsByThread.get(thread.id) ?? []),
      );
    }
    if (embed.has("timelogs")) embedded.timelogs = (timelogsOf.get(id) ?? []).map(presentTimelog);
    if (embed.has("tags")) embedded.tags = (tagsOf.get(id) ?? []).map(({ tag }) => presentTag(tag));
    const values = fields.get(id) ?? [];
    return { customFields: presentFieldValues(values, values), embedded };
  };
}

/** Get Conversation: the conversation and its embeds in one batch; null if unknown. */
export async function loadConversation(
  db: Database,
  id: number,
  embed: ReadonlySet<Embed>,
  ctx: PresentContext,
): Promise<Conversation | null> {
  const [found, ...related] = await db.batch([
    selectConversations(db).where(eq(conversations.id, id)),
    ...relatedStatements(db, [id], embed),
  ]);
  if (!found[0]) return null;
  const row: ConversationRow = toConversationRow(found[0]);
  const parts = (await presentRelated(related, embed, ctx))(id);
  return presentConversation(row, parts.customFields, parts.embedded, nowSeconds());
}

/** One thread as Create Thread answers it. */
export async function loadThread(db: Database, conversationId: number, threadId: number, ctx: PresentContext) {
  const [threadRows, attachmentRows] = await db.batch([
    selectThreads(db, [conversationId], eq(threads.id, threadId)),
    db.select().from(attachments).where(eq(attachments.threadId, threadId)).orderBy(asc(attachments.id)),
  ]);
  const row = threadRows[0];
  if (!row) return null;
  return presentThread(toThreadRow(row), await presentAttachments(ctx.origin, ctx.attachmentSecret, attachmentRows));
}

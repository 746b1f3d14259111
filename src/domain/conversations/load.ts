/**
 * Conversations and threads as the API returns them, in one round trip (a write can append
 * these reads to its own batch): the rows, the threads with their people joined in, and the
 * conversation's people by id.
 */
import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { BatchResponse } from "drizzle-orm/batch";
import type { Database } from "../../db/client";
import {
  byConversation,
  type ConversationRow,
  type IdSource,
  mergePeople,
  type People,
  peopleStatements,
  selectAttachments,
  selectFieldDefinitions,
  selectTags,
  selectThreads,
  selectTimelogs,
  threadPeople,
  toPeople,
} from "../../db/conversationQueries";
import { attachments, conversations, threads } from "../../db/schema";
import { type Attachment, presentAttachment } from "../../present/attachment";
import { type Conversation, presentConversation, presentThread, presentTimelog } from "../../present/conversation";
import { presentFieldValues } from "../../present/fieldValues";
import { presentTag } from "../../present/tag";
import type { Services } from "../../services";
import { type AttachmentSigner, attachmentUrls } from "../attachments/tokens";

export const EMBEDS = ["threads", "timelogs", "tags"] as const;
export type Embed = (typeof EMBEDS)[number];

const isEmbed = (value: string): value is Embed => (EMBEDS as readonly string[]).includes(value);

/** Create Conversation answers, and events carry, the conversation with its threads. */
export const WITH_THREADS: ReadonlySet<Embed> = new Set(["threads"]);

/** The `embed` query parameter as a set (its values are validated by the route's schema). */
export const embedSet = (values: readonly string[] | undefined, fallback: Embed[]) =>
  new Set<Embed>(values ? values.filter(isEmbed) : fallback);

/** What presenting needs besides rows: the people, signed attachment links, and the time. */
export type Reader = Pick<Services, "db" | "origin" | "secrets" | "clock">;

/** What the conversations show besides their own row; part of the caller's batch. */
export function relatedStatements(db: Database, ids: number[], mailboxIds: number[] | SQL, embed: ReadonlySet<Embed>) {
  const when = (name: Embed) => (embed.has(name) ? ids : []);
  return [
    selectFieldDefinitions(db, mailboxIds),
    selectThreads(db, when("threads")),
    selectAttachments(db, when("threads")),
    selectTimelogs(db, when("timelogs")),
    selectTags(db, when("tags")),
  ] as const;
}

export type RelatedResults = BatchResponse<ReturnType<typeof relatedStatements>>;

export interface PresentedParts {
  customFields: Conversation["customFields"];
  embedded: Conversation["_embedded"];
}

/** The attachments as responses show them, with their signed links. */
export async function signedAttachments(signer: AttachmentSigner, rows: RelatedResults[2]): Promise<Attachment[]> {
  const urls = await attachmentUrls(signer, rows);
  return rows.map((row, index) => presentAttachment(row, urls[index]!));
}

async function presentAttachmentsByThread(rows: RelatedResults[2], signer: AttachmentSigner) {
  const presented = await signedAttachments(signer, rows);
  const byThread = new Map<number, Attachment[]>();
  rows.forEach((row, index) => {
    const list = byThread.get(row.threadId) ?? [];
    list.push(presented[index]!);
    byThread.set(row.threadId, list);
  });
  return byThread;
}

/** Splits the related rows per conversation and presents them. */
export async function presentRelated(
  results: RelatedResults,
  embed: ReadonlySet<Embed>,
  people: People,
  signer: AttachmentSigner,
): Promise<(row: ConversationRow) => PresentedParts> {
  const [definitions, threadRows, attachmentRows, timelogRows, tagRows] = results;
  // The threads' own people came joined to them; the conversations' from the caller.
  const withThreadPeople = mergePeople(people, threadPeople(threadRows));
  const attachmentsOf = await presentAttachmentsByThread(attachmentRows, signer);
  const threadsOf = byConversation(threadRows);
  const timelogsOf = byConversation(timelogRows);
  const tagsOf = byConversation(tagRows);

  return (row) => {
    const embedded: Conversation["_embedded"] = { threads: [] };
    if (embed.has("threads")) {
      const list = threadsOf.get(row.id) ?? [];
      // Newest first: the first thread is the oldest one that is not a line item.
      const first = list.findLast((thread) => thread.type !== "lineitem");
      embedded.threads = list.map((thread) =>
        presentThread(thread, withThreadPeople, attachmentsOf.get(thread.id) ?? [], {
          number: row.number,
          first: thread === first,
        }),
      );
    }
    if (embed.has("timelogs")) embedded.timelogs = (timelogsOf.get(row.id) ?? []).map(presentTimelog);
    if (embed.has("tags")) embedded.tags = (tagsOf.get(row.id) ?? []).map(({ tag }) => presentTag(tag));
    // In the definitions' display order.
    const fields = definitions.filter((definition) => definition.mailboxId === row.mailboxId);
    const own = fields.flatMap((definition) => {
      const value = row.customFields[String(definition.id)];
      return value === undefined ? [] : [{ fieldId: definition.id, value }];
    });
    return { customFields: presentFieldValues(fields, own), embedded };
  };
}

/** The customers' emails the conversations carry (the address the conversation is with). */
const emailsKnownBy = (rows: readonly ConversationRow[]) =>
  new Map(
    rows.flatMap((row) =>
      row.customerId !== null && row.customerEmail ? [[row.customerId, row.customerEmail] as const] : [],
    ),
  );

/**
 * The reads of Get Conversation, people included: they are found by subquery from the
 * conversation (and its threads), so a write appends them to its own batch and nothing is
 * read after it commits.
 */
export const conversationStatements = (db: Database, id: number, embed: ReadonlySet<Embed>) => {
  // The conversation's own people; its threads' come joined to them (selectThreads).
  const source: IdSource = { ids: [], conversations: [id] };
  return [
    db.select().from(conversations).where(eq(conversations.id, id)),
    ...peopleStatements(db, source, source, source),
    ...relatedStatements(db, [id], sql`(SELECT mailbox_id FROM conversations WHERE id = ${id})`, embed),
  ] as const;
};

export type ConversationResults = BatchResponse<ReturnType<typeof conversationStatements>>;

/** Presents what `conversationStatements` read; null if there is no such conversation. */
export async function finishConversation(
  services: Reader,
  results: ConversationResults,
  embed: ReadonlySet<Embed>,
): Promise<Conversation | null> {
  const [found, userRows, customerRows, emailRows, ...related] = results;
  const row = found[0];
  if (!row) return null;
  const people = toPeople([userRows, customerRows, emailRows], emailsKnownBy(found));
  const parts = (await presentRelated(related, embed, people, services))(row);
  return presentConversation(row, people, parts.customFields, parts.embedded, services.clock.seconds());
}

/** Get Conversation: one round trip; null if unknown. */
export async function loadConversation(services: Reader, input: { id: number; embed: ReadonlySet<Embed> }) {
  const { db } = services;
  return finishConversation(services, await db.batch(conversationStatements(db, input.id, input.embed)), input.embed);
}

/** The conversation as Get Conversation returns it (with threads), read when some webhook wants it. */
export const conversationPayload =
  (services: Reader, id: number, embed: ReadonlySet<Embed> = WITH_THREADS) =>
  () =>
    loadConversation(services, { id, embed });

/** The reads of one thread as Create Thread answers it, people included; a write may append them to its batch. */
export const threadStatements = (db: Database, conversationId: number, threadId: number) => {
  const source: IdSource = { ids: [], threads: [threadId] };
  return [
    db.select().from(conversations).where(eq(conversations.id, conversationId)),
    db.select().from(threads).where(eq(threads.id, threadId)),
    db.select().from(attachments).where(eq(attachments.threadId, threadId)).orderBy(asc(attachments.id)),
    ...peopleStatements(db, source, source, source),
  ] as const;
};

export type ThreadResults = BatchResponse<ReturnType<typeof threadStatements>>;

/**
 * Presents what `threadStatements` read; null if there is no such thread. `first`: it is the
 * conversation's oldest thread (a thread added to a conversation never is).
 */
export async function finishThread(services: Reader, results: ThreadResults, first = false) {
  const [conversationRows, threadRows, attachmentRows, userRows, customerRows, emailRows] = results;
  const thread = threadRows[0];
  if (!thread) return null;
  const people = toPeople([userRows, customerRows, emailRows], emailsKnownBy(conversationRows));
  const context = { number: conversationRows[0]?.number ?? 0, first };
  return presentThread(thread, people, await signedAttachments(services, attachmentRows), context);
}

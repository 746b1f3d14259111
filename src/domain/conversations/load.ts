/**
 * Conversations and threads as the API returns them, in one round trip (a write can append
 * these reads to its own batch): the rows with the customers they name joined in, and the
 * users from the isolate's user directory.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  byConversation,
  type ConversationRow,
  mergePeople,
  type People,
  selectAttachments,
  selectConversationPage,
  selectFieldDefinitions,
  selectTags,
  selectThread,
  selectThreads,
  selectTimelogs,
  splitPage,
  threadPeople,
} from "../../db/conversationQueries";
import { bind, type Prepared, preparedOnce } from "../../db/prepared";
import { attachments, conversations } from "../../db/schema";
import { type DirectoryUser, userDirectoryReads } from "../../db/userDirectory";
import { type Attachment, presentAttachment } from "../../present/attachment";
import { type Conversation, presentConversation, presentThread, presentTimelog } from "../../present/conversation";
import { presentFieldValues } from "../../present/fieldValues";
import { presentTag } from "../../present/tag";
import type { Services } from "../../services";
import { type AttachmentSigner, attachmentUrls } from "../attachments/tokens";
import type { Statement } from "../batch";
import { batchGroups, type GroupsResults } from "./batchGroups";

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

type Rows<Q extends Statement> = Q["_"]["result"];

/** What the conversations show besides their own row, as read by the caller's batch. */
export type RelatedResults = readonly [
  Rows<ReturnType<typeof selectFieldDefinitions>>,
  Rows<ReturnType<typeof selectThreads>>,
  Rows<ReturnType<typeof selectAttachments>>,
  Rows<ReturnType<typeof selectTimelogs>>,
  Rows<ReturnType<typeof selectTags>>,
];

interface PresentedParts {
  customFields: Conversation["customFields"];
  embedded: Conversation["_embedded"];
}

/** The attachments as responses show them, with their signed links. */
async function signedAttachments(signer: AttachmentSigner, rows: RelatedResults[2]): Promise<Attachment[]> {
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
  directory: ReadonlyMap<number, DirectoryUser>,
  signer: AttachmentSigner,
): Promise<(row: ConversationRow) => PresentedParts> {
  const [definitions, threadRows, attachmentRows, timelogRows, tagRows] = results;
  // The threads' own customers came joined to them; the conversations' from the caller.
  const withThreadPeople = mergePeople(people, threadPeople(threadRows, directory));
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

const CONVERSATION = sql.placeholder("conversationId");

/** Get Conversation's statements, prepared once per isolate for any conversation. */
const byId = {
  conversation: preparedOnce((db) => selectConversationPage(db).where(eq(conversations.id, CONVERSATION))),
  definitions: preparedOnce((db) =>
    selectFieldDefinitions(db, sql`(SELECT mailbox_id FROM conversations WHERE id = ${CONVERSATION})`),
  ),
  threads: preparedOnce((db) => selectThreads(db, CONVERSATION)),
  attachments: preparedOnce((db) => selectAttachments(db, CONVERSATION)),
  timelogs: preparedOnce((db) => selectTimelogs(db, CONVERSATION)),
  tags: preparedOnce((db) => selectTags(db, CONVERSATION)),
};

/**
 * The reads of Get Conversation as named groups of the caller's batch (`batchGroups`), and
 * how to present what they read: the conversation with its customers joined in, the users
 * from the directory, its mailbox's field definitions, and only what `embed` asks for. A write
 * appends them to its own batch, so nothing is read after it commits.
 */
export function conversationReads(db: Database, id: number, embed: ReadonlySet<Embed>) {
  const directory = userDirectoryReads(db);
  const values = { conversationId: id };
  const when = <R>(name: Embed, statement: Prepared<R>) => (embed.has(name) ? [bind(db, statement, values)] : []);
  const groups = {
    conversation: bind(db, byId.conversation, values),
    definitions: bind(db, byId.definitions, values),
    users: directory.statements,
    threads: when("threads", byId.threads),
    attachments: when("threads", byId.attachments),
    timelogs: when("timelogs", byId.timelogs),
    tags: when("tags", byId.tags),
  };
  /** The conversation as the API shows it; null if there is no such conversation. */
  const finish = async (services: Reader, results: GroupsResults<typeof groups>): Promise<Conversation | null> => {
    const users = directory.read(results.users);
    const { rows, people } = splitPage(results.conversation, users);
    const row = rows[0];
    if (!row) return null;
    const related: RelatedResults = [
      results.definitions,
      results.threads[0] ?? [],
      results.attachments[0] ?? [],
      results.timelogs[0] ?? [],
      results.tags[0] ?? [],
    ];
    const parts = (await presentRelated(related, embed, people, users, services))(row);
    return presentConversation(row, people, parts.customFields, parts.embedded, services.clock.seconds());
  };
  return { groups, finish };
}

/** Get Conversation: one round trip; null if unknown. */
export async function loadConversation(services: Reader, input: { id: number; embed: ReadonlySet<Embed> }) {
  const reads = conversationReads(services.db, input.id, input.embed);
  return reads.finish(services, await batchGroups(services.db, reads.groups));
}

/** The conversation as Get Conversation returns it (with threads), read when some webhook wants it. */
export const conversationPayload =
  (services: Reader, id: number, embed: ReadonlySet<Embed> = WITH_THREADS) =>
  () =>
    loadConversation(services, { id, embed });

const THREAD = sql.placeholder("threadId");

/** The thread reads' own statements, prepared once per isolate (the conversation's is Get Conversation's). */
const byThreadId = {
  thread: preparedOnce((db) => selectThread(db, THREAD)),
  attachments: preparedOnce((db) =>
    db.select().from(attachments).where(eq(attachments.threadId, THREAD)).orderBy(asc(attachments.id)),
  ),
};

/**
 * The reads of one thread as Create Thread answers it, and how to present what they read: the
 * thread and its conversation with the customers they name joined in, the users from the
 * directory. A write appends them to its own batch, after the rows it inserts.
 */
export function threadReads(db: Database, conversationId: number, threadId: number) {
  const directory = userDirectoryReads(db);
  const values = { conversationId, threadId };
  const statements = [
    bind(db, byId.conversation, values),
    bind(db, byThreadId.thread, values),
    bind(db, byThreadId.attachments, values),
    ...directory.statements,
  ] as const;
  /** The thread as the API shows it; null if there is no such thread. `first`: it is the conversation's oldest. */
  const finish = async (services: Reader, results: ThreadReadResults<typeof statements>, first = false) => {
    const [conversationRows, threadRows, attachmentRows, version, userRows] = results;
    const thread = threadRows[0];
    if (!thread) return null;
    const users = directory.read([version, userRows]);
    const conversation = splitPage(conversationRows, users);
    // The conversation's customer with the address the conversation is with, as Get Conversation shows it.
    const people = mergePeople(conversation.people, threadPeople(threadRows, users));
    const context = { number: conversation.rows[0]?.number ?? 0, first };
    return presentThread(thread, people, await signedAttachments(services, attachmentRows), context);
  };
  return { statements, finish };
}

/** What the statements of `threadReads` answer in a batch. */
export type ThreadReadResults<S extends readonly Statement[] = ReturnType<typeof threadReads>["statements"]> =
  GroupsResults<{ reads: S }>["reads"];

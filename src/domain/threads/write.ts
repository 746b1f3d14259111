/**
 * The writes of Update Thread and Delete Thread, each one D1 batch guarded by the thread as it
 * was read (its state and its number of edits, which every change raises): a batch that finds
 * the thread changed in between writes nothing and reports it, and the caller reads again.
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import { conversations, threads } from "../../db/schema";
import { returnedRows } from "../../db/sql";
import type { Thread } from "../../present/conversation";
import { batchGroups } from "../conversations/batchGroups";
import { type Reader, type ThreadReadResults, threadReads } from "../conversations/load";
import { previewStatement, replyAfter } from "./preview";
import type { ThreadRead, ThreadTarget } from "./reads";
import type { ThreadOutcome } from "./rules";

const HIDDEN_BEFORE_SENT = "Not sent: the reply was hidden before the email went out";

/** Statements of a batch that run only if the one before them changed a row. */
const afterPrevious: SQL = sql`changes() > 0`;

/** The thread still is as `read` found it. */
const unchanged = (target: ThreadTarget, read: ThreadRead): SQL =>
  sql`EXISTS (SELECT 1 FROM threads WHERE id = ${target.threadId} AND conversation_id = ${target.conversationId}
    AND state = ${read.thread.state}
    AND (SELECT count(*) FROM thread_edits WHERE thread_id = ${target.threadId}) = ${read.version})`;

/**
 * A new text or state: the history row keeps what it replaces, the thread and the
 * conversation are updated, the preview follows. Whether anything changed (a change that
 * changes nothing writes nothing) and, if `answer`, the thread as answered (read in the same
 * batch); null when the thread changed since it was read.
 */
export async function writeChange(
  services: Reader,
  target: ThreadTarget,
  read: ThreadRead,
  change: { outcome: ThreadOutcome; byUserId: number | null; answer: boolean },
): Promise<{ thread: Thread | null; changed: boolean } | null> {
  const { db } = services;
  const { conversationId, threadId } = target;
  const { thread } = read;
  const { outcome, byUserId } = change;
  const reads = threadReads(db, conversationId, threadId);
  if (outcome.body === thread.body && outcome.state === thread.state) {
    if (!change.answer) return { thread: null, changed: false };
    const { present } = await batchGroups(db, { present: reads.statements });
    return { thread: await reads.finish(services, present, read.first), changed: false };
  }
  const now = services.clock.seconds();
  // The history keeps a text only when it is replaced: hiding a customer's thread copies none of its words.
  const textChanged = outcome.body !== thread.body;
  const preview = replyAfter(read.newest, { ...thread, body: outcome.body, visible: outcome.state === "published" });
  const written = await batchGroups(db, {
    history:
      db.run(sql`INSERT INTO thread_edits (thread_id, edited_by_user_id, previous_body, previous_state, created_at)
      SELECT id, ${byUserId}, CASE WHEN ${textChanged ? 1 : 0} THEN body END, state, ${now}
      FROM threads WHERE id = ${threadId} AND ${unchanged(target, read)} RETURNING thread_id`),
    thread: db
      .update(threads)
      .set({
        ...(textChanged && { body: outcome.body }),
        state: outcome.state,
        editedAt: now,
        editedByUserId: byUserId,
        updatedAt: now,
        // The outgoing-mail consumer sends only queued replies.
        ...(outcome.state === "hidden" &&
          thread.mailStatus === "queued" && { mailStatus: "not_sent" as const, mailError: HIDDEN_BEFORE_SENT }),
      })
      .where(and(eq(threads.id, threadId), afterPrevious)),
    conversation: db
      .update(conversations)
      .set({ updatedAt: now })
      .where(and(eq(conversations.id, conversationId), afterPrevious)),
    preview: preview.affected ? [previewStatement(db, conversationId, preview, afterPrevious)] : [],
    present: change.answer ? reads.statements : [],
  });
  if (returnedRows(written.history) === 0) return null;
  const answer = change.answer ? await reads.finish(services, written.present as ThreadReadResults, read.first) : null;
  return { thread: answer, changed: true };
}

/**
 * Deletes the thread; its attachments' rows and its history go with it (foreign keys, ON
 * DELETE CASCADE), its mail_messages rows forget it. False when it changed since it was read.
 */
export async function writeDelete(services: Reader, target: ThreadTarget, read: ThreadRead): Promise<boolean> {
  const { db } = services;
  const { conversationId, threadId } = target;
  const now = services.clock.seconds();
  const preview = replyAfter(read.newest, { ...read.thread, visible: false });
  const written = await batchGroups(db, {
    conversation: db
      .update(conversations)
      .set({ threadsCount: sql`${conversations.threadsCount} - 1`, updatedAt: now })
      .where(
        and(
          eq(conversations.id, conversationId),
          eq(conversations.threadsCount, read.conversation.threadsCount),
          unchanged(target, read),
        ),
      ),
    thread: db
      .delete(threads)
      .where(and(eq(threads.id, threadId), afterPrevious))
      .returning({ id: threads.id }),
    preview: preview.affected ? [previewStatement(db, conversationId, preview, afterPrevious)] : [],
  });
  return written.thread.length > 0;
}

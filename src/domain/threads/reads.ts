/** What Update Thread and Delete Thread read before they write: one round trip. */
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { Database } from "../../db/client";
import { attachments, conversations, threadEdits, threads, users } from "../../db/schema";
import { badRequest, type ErrorSource, notFound } from "../../lib/errors";
import { batchGroups } from "../conversations/batchGroups";
import { newestReplies } from "./preview";

export interface ThreadTarget {
  conversationId: number;
  threadId: number;
}

/** Each served by a primary key or an index (plans.test.ts). */
export function threadReadStatements(db: Database, target: ThreadTarget, byUserId: number | undefined) {
  const { conversationId, threadId } = target;
  return {
    conversation: db
      .select({ id: conversations.id, threadsCount: conversations.threadsCount })
      .from(conversations)
      .where(eq(conversations.id, conversationId)),
    thread: db
      .select()
      .from(threads)
      .where(and(eq(threads.id, threadId), eq(threads.conversationId, conversationId))),
    // The thread's version: every change adds one.
    edits: db.select({ n: count() }).from(threadEdits).where(eq(threadEdits.threadId, threadId)),
    files: db.select({ r2Key: attachments.r2Key }).from(attachments).where(eq(attachments.threadId, threadId)),
    newest: newestReplies(db, conversationId),
    oldest: db
      .select({ id: threads.id })
      .from(threads)
      .where(and(eq(threads.conversationId, conversationId), ne(threads.type, "lineitem")))
      .orderBy(asc(threads.createdAt), asc(threads.id))
      .limit(1),
    user: db
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(eq(users.id, byUserId ?? 0)),
  };
}

export async function readThread(db: Database, target: ThreadTarget, byUserId: number | undefined) {
  const { conversationId, threadId } = target;
  const reads = await batchGroups(db, threadReadStatements(db, target, byUserId));
  const conversation = reads.conversation[0];
  if (!conversation) throw notFound("conversationId", conversationId);
  const thread = reads.thread[0];
  if (!thread) throw notFound("threadId", threadId);
  return {
    conversation,
    thread,
    version: reads.edits[0]?.n ?? 0,
    r2Keys: reads.files.map((file) => file.r2Key),
    newest: reads.newest,
    /** Whether the thread is the conversation's first (its action text says it started it). */
    first: reads.oldest[0]?.id === threadId,
    userFound: reads.user[0]?.status === "active",
  };
}

export type ThreadRead = Awaited<ReturnType<typeof readThread>>;

/** A named user that is not a known, active user. */
export function requireUser(read: ThreadRead, byUserId: number | undefined, source: ErrorSource) {
  if (byUserId !== undefined && !read.userFound) {
    throw badRequest({ path: "byUserId", message: "User not found", rejectedValue: byUserId, source });
  }
}

/**
 * Create Thread: a customer reply, agent reply, note, chat or phone thread on an existing
 * conversation, with what it changes on the conversation (status rule, Drafts, preview,
 * waiting time, counts). One read batch, attachments into R2, one write batch.
 */
import { eq, sql } from "drizzle-orm";
import type { Config } from "../../config";
import type { Database } from "../../db/client";
import { reservedRange, reserveIds, type Statement } from "../../db/ids";
import { attachments, conversations, threads, users } from "../../db/schema";
import { insertChunks, isForeignKeyViolation } from "../../db/sql";
import type { ThreadInputValue } from "../../http/routes/conversations/schemas";
import { invalidField, notFound } from "../../lib/errors";
import type { ConversationStatus } from "../../lib/vocabulary";
import { deleteAttachmentObjects, storeAttachments } from "../attachments/store";
import { createdCustomers, type NewCustomer, planCustomerResolution } from "../customers/resolution";
import { refileSql } from "../folders";
import { type ThreadResults, threadStatements } from "./load";
import { byCustomer, isReply, previewOf, requireAuthor, sourceVia, statusAfterThread } from "./threadRules";

export type AddThreadInput = ThreadInputValue & { status?: ConversationStatus };

export interface AddedThread {
  id: number;
  /** The new thread, read by the write batch itself (for `finishThread`). */
  reads: ThreadResults;
  conversationId: number;
  statusBefore: ConversationStatus;
  statusAfter: ConversationStatus;
  newCustomers: NewCustomer[];
}

export async function addThread(
  db: Database,
  env: Env,
  config: Config,
  conversationId: number,
  input: AddThreadInput,
  now: number,
): Promise<AddedThread> {
  requireAuthor({ type: input.type, user: input.user, hasCustomer: input.customer !== undefined }, "");
  const refs = byCustomer(input.type) && input.customer ? [{ ref: input.customer, path: "customer" }] : [];
  const resolution = planCustomerResolution(db, refs, now);
  const [found, user, , threadSeq, ...customerResults] = await db.batch([
    db
      .select({
        id: conversations.id,
        type: conversations.type,
        status: conversations.status,
        state: conversations.state,
        customerId: conversations.customerId,
        customerEmail: conversations.customerEmail,
        assigneeId: conversations.assigneeId,
      })
      .from(conversations)
      .where(eq(conversations.id, conversationId)),
    db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.id, input.user ?? 0)),
    ...reserveIds(db, "threads", 1),
    ...resolution.statements,
  ]);
  const conversation = found[0];
  if (!conversation) throw notFound("conversationId", conversationId);
  if (input.user !== undefined && !user[0]) throw invalidField("user", "User not found", input.user);
  const [author] = resolution.resolve(customerResults);
  const threadId = reservedRange(threadSeq, 1)[0]!;

  const published = input.state !== "draft";
  const status = statusAfterThread(input.type, published, conversation.status, input.status);
  const stored = input.attachments?.length ? await storeAttachments(env, config, input.attachments, "attachments") : [];

  const list: Statement[] = [...(author?.statements ?? [])];
  const threadTime = input.imported && input.createdAt !== undefined ? input.createdAt : now;
  list.push(
    db.insert(threads).values({
      id: threadId,
      conversationId,
      type: input.type,
      status,
      state: input.state ?? "published",
      body: input.text,
      sourceVia: sourceVia(input.type),
      sourceType: conversation.type,
      customerId: conversation.customerId,
      createdByUserId: byCustomer(input.type) ? null : input.user!,
      createdByCustomerId: byCustomer(input.type) ? author!.idSql : null,
      assignedToUserId: conversation.assigneeId,
      to: input.to ?? (input.type === "message" && conversation.customerEmail ? [conversation.customerEmail] : []),
      cc: input.cc ?? [],
      bcc: input.bcc ?? [],
      imported: input.imported ?? false,
      createdAt: threadTime,
      updatedAt: now,
    }),
  );
  if (stored.length) {
    const rows = stored.map((file) => ({ ...file, conversationId, threadId, createdAt: now }));
    for (const chunk of insertChunks(rows)) list.push(db.insert(attachments).values(chunk));
  }
  const reply = published && isReply(input.type) && input.type !== "phone";
  const closing = status === "closed" && conversation.status !== "closed";
  list.push(
    db
      .update(conversations)
      .set({
        status,
        state: conversation.state === "deleted" ? "deleted" : published ? "published" : "draft",
        threadsCount: sql`${conversations.threadsCount} + 1`,
        updatedAt: now,
        ...(reply && {
          preview: previewOf(input.text),
          lastReplyAt: threadTime,
          lastReplyFrom: sourceVia(input.type),
        }),
        ...(input.user !== undefined && { userUpdatedAt: now }),
        ...(closing && { closedByUserId: input.user ?? null, closedAt: now }),
        ...(status !== "closed" && { closedByUserId: null, closedAt: null }),
        ...(!!input.cc?.length && { cc: input.cc }),
        ...(!!input.bcc?.length && { bcc: input.bcc }),
      })
      .where(eq(conversations.id, conversationId)),
    db.run(refileSql(conversationId)),
  );
  try {
    const all: Statement[] = [...list, ...threadStatements(db, conversationId, threadId)];
    const results = await db.batch(all as [Statement, ...Statement[]]);
    const newCustomers = author?.statements.length ? createdCustomers([{ index: 0, customer: author }], results) : [];
    const reads = results.slice(list.length) as unknown as ThreadResults;
    return {
      id: threadId,
      reads,
      conversationId,
      statusBefore: conversation.status,
      statusAfter: status,
      newCustomers,
    };
  } catch (error) {
    await deleteAttachmentObjects(
      env,
      stored.map((file) => file.r2Key),
    );
    // Deleted by a concurrent request since it was read.
    if (isForeignKeyViolation(error)) throw notFound("conversationId", conversationId);
    throw error;
  }
}

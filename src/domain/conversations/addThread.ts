/**
 * Create Thread: a customer reply, agent reply, note, chat or phone thread on an existing
 * conversation, with what it changes on the conversation (status rule, Drafts, preview,
 * waiting time, counts). One read batch, attachments into R2, one write batch.
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { reservedRange, reserveIds, type Statement } from "../../db/ids";
import { attachments, conversations, threads, users } from "../../db/schema";
import { insertChunks, isForeignKeyViolation } from "../../db/sql";
import { invalidField, notFound } from "../../lib/errors";
import type { ConversationStatus } from "../../lib/vocabulary";
import type { Thread } from "../../present/conversation";
import type { Services } from "../../services";
import { deleteAttachmentObjects, type StoredAttachment, storeAttachments } from "../attachments/store";
import { customerCreatedEvents } from "../customers/events";
import { createdCustomers, planCustomerResolution, type ResolvedCustomer } from "../customers/resolution";
import { refileSql } from "../folders";
import type { OutgoingMail } from "../mail/outgoing/message";
import { type MailState, replyMailState } from "../mail/outgoing/plan";
import { emailThreadStatements } from "../mail/threadSource";
import { threadEvents } from "../webhooks/events";
import type { DomainEvent } from "../webhooks/publish";
import { batchGroups } from "./batchGroups";
import { conversationPayload, threadReads } from "./load";
import type { AddThreadInput } from "./threadInput";
import {
  byCustomer,
  isAgentReply,
  isReply,
  previewOf,
  requireAuthor,
  sourceVia,
  statusAfterThread,
} from "./threadRules";

export interface AddedThread {
  id: number;
  /** As Create Thread answers. */
  thread: Thread;
  /** The reply or note event, convo.status if the status changed, customer.created if one was created. */
  events: DomainEvent[];
  /** The email to send once the write has committed (an agent's published reply). */
  mail: OutgoingMail[];
}

type Deps = Pick<Services, "db" | "storage" | "config" | "clock" | "origin" | "secrets" | "mailer" | "queues">;

export async function addThread(services: Deps, input: AddThreadInput): Promise<AddedThread> {
  const { db } = services;
  const { conversationId } = input;
  const now = services.clock.seconds();
  // On any thread, `customer` names the conversation's customer from now on (and an agent reply's recipient).
  const refs = input.customer ? [{ ref: input.customer, path: "customer" }] : [];
  const resolution = planCustomerResolution(db, refs, now);
  const reads = await batchGroups(db, {
    conversation: db
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
    user: db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.id, input.user ?? 0)),
    threadIds: reserveIds(db, "threads", 1),
    customers: resolution.statements,
  });
  const conversation = reads.conversation[0];
  if (!conversation) throw notFound("conversationId", conversationId);
  // After the 404, as the module checks. A customer thread without `customer` is written by the conversation's customer.
  requireAuthor({ type: input.type, user: input.user, hasCustomer: true }, "");
  if (input.user !== undefined && !reads.user[0]) throw invalidField("user", "User not found", input.user);
  const [named] = resolution.resolve(reads.customers);
  if (byCustomer(input.type) && !named && conversation.customerId === null) {
    throw invalidField("customer", "`customer` parameter is required");
  }
  const threadId = reservedRange(reads.threadIds[1], 1)[0]!;

  const published = input.state !== "draft";
  // Auto-replies, bulk mail and bounces by email leave the status alone.
  const status = input.email?.quiet
    ? conversation.status
    : statusAfterThread(input.type, published, conversation.status, input.status);
  // FreeScout announces a status change made by a thread only for an agent reply that sets it.
  const announced = input.status !== undefined && isAgentReply(input.type) && status !== conversation.status;
  const stored = [
    ...(input.email?.attachments ?? []),
    ...(input.attachments?.length
      ? await storeAttachments(services, { files: input.attachments, path: "attachments" })
      : []),
  ];

  const mailState = replyMailState(services, input);
  const list = threadWrites(db, input, { now, threadId, conversation, status, named, stored, mailState });
  const answer = threadReads(db, conversationId, threadId);
  const written = await batchGroups(db, { writes: list, thread: answer.statements }).catch(async (error) => {
    await deleteAttachmentObjects(
      services,
      stored.map((file) => file.r2Key),
    );
    // Deleted by a concurrent request since it was read.
    if (isForeignKeyViolation(error)) throw notFound("conversationId", conversationId);
    throw error;
  });
  const thread = (await answer.finish(services, written.thread))!;
  const newCustomers = named?.statements.length
    ? createdCustomers([{ index: 0, customer: named }], written.writes)
    : [];
  return {
    id: threadId,
    thread,
    events: [
      ...customerCreatedEvents(services, newCustomers),
      ...threadEvents(input.type, announced, conversationPayload(services, conversationId)),
    ],
    mail: mailState?.mailStatus === "queued" ? [{ kind: "reply", conversationId, threadId }] : [],
  };
}

interface ThreadPlan {
  now: number;
  threadId: number;
  conversation: Pick<
    typeof conversations.$inferSelect,
    "type" | "status" | "state" | "customerId" | "customerEmail" | "assigneeId"
  >;
  status: ConversationStatus;
  /** The customer the request names, if it names one. */
  named: ResolvedCustomer | undefined;
  stored: StoredAttachment[];
  /** Its outgoing email state (null: the thread sends nothing). */
  mailState: MailState | null;
}

/** The thread, its attachments and what it changes on the conversation, for one write batch. */
function threadWrites(db: Database, input: AddThreadInput, plan: ThreadPlan): Statement[] {
  const { now, threadId, conversation, status, named, stored, mailState } = plan;
  const { conversationId } = input;
  const published = input.state !== "draft";
  const list: Statement[] = [...(named?.statements ?? [])];
  const customerId = named ? named.idSql : sql`${conversation.customerId}`;
  const customerEmail = named ? named.email : conversation.customerEmail;
  // An email's sender writes the thread; the conversation keeps the customer it has.
  const keepCustomer = !!input.email && conversation.customerId !== null;
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
      sourceType: input.email ? "email" : "api",
      mailFlags: input.email?.flags ?? null,
      ...mailState,
      customerId: keepCustomer ? sql`${conversation.customerId}` : customerId,
      createdByUserId: byCustomer(input.type) ? null : input.user!,
      createdByCustomerId: byCustomer(input.type) ? customerId : null,
      assignedToUserId: conversation.assigneeId,
      to: input.to ?? (input.type === "message" && customerEmail ? [customerEmail] : []),
      cc: input.cc ?? [],
      bcc: input.bcc ?? [],
      imported: input.imported ?? false,
      createdAt: threadTime,
      updatedAt: now,
    }),
  );
  if (input.email) list.push(...emailThreadStatements(db, input.email, { conversationId, threadId }));
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
        // The state stays, except that a customer's reply brings a deleted conversation back (FreeScout).
        ...(reply &&
          byCustomer(input.type) &&
          !input.email?.quiet &&
          conversation.state === "deleted" && { state: "published" as const }),
        ...(named && !keepCustomer && { customerId, customerEmail: named.email }),
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
  return list;
}

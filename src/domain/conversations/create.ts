/**
 * Create Conversation: one read batch (mailbox, users, fields, customers, id reservations),
 * attachments into R2, then one write batch. The number is allocated inside the write
 * batch, whose transaction serialises concurrent creates, so numbers are unique and
 * consecutive.
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { reservedRange, reserveIds, type Statement } from "../../db/ids";
import { attachments, conversations, customFields, mailboxes, threads } from "../../db/schema";
import { insertChunks } from "../../db/sql";
import { type ApiError, invalidField } from "../../lib/errors";
import type { ConversationState, ConversationStatus, ConversationType } from "../../lib/vocabulary";
import type { Conversation } from "../../present/conversation";
import type { Services } from "../../services";
import { deleteAttachmentObjects, newBudget, type StoredAttachment, storeAttachments } from "../attachments/store";
import { customerCreatedEvents } from "../customers/events";
import {
  type CustomerRef,
  createdCustomers,
  planCustomerResolution,
  type ResolvedCustomer,
} from "../customers/resolution";
import { validateFieldValues } from "../fieldValues";
import { folderTypeSql, publicFolderIdSql } from "../folders";
import type { OutgoingMail } from "../mail/outgoing/message";
import { replyMailState, wantsAutoReply } from "../mail/outgoing/plan";
import { emailThreadStatements } from "../mail/threadSource";
import { createdEvents } from "../webhooks/events";
import type { DomainEvent } from "../webhooks/publish";
import { batchGroups } from "./batchGroups";
import { conversationReads, WITH_THREADS } from "./load";
import { usersWithAccess } from "./people";
import type { ThreadInput } from "./threadInput";
import { byCustomer, isReply, previewOf, sourceVia, statusAfterThread } from "./threadRules";

export interface CreateConversationInput {
  type: ConversationType;
  mailboxId: number;
  subject: string;
  customer: CustomerRef;
  /** Newest first. A thread whose user or customer is unknown is skipped, as FreeScout skips it. */
  threads: ThreadInput[];
  imported?: boolean;
  /** A user id; an unknown user leaves the conversation unassigned (FreeScout). */
  assignTo?: number;
  /** Without it, each thread's reply rule applies in turn, oldest first. */
  status?: ConversationStatus;
  state?: ConversationState;
  customFields?: { id: number; value: unknown }[];
  createdAt?: number;
  closedAt?: number;
}

export interface CreatedConversation {
  id: number;
  /** As Create Conversation answers: with its threads. */
  conversation: Conversation;
  /** convo.created, and customer.created for each customer the request created. */
  events: DomainEvent[];
  /** The emails to send once the write has committed: agents' published replies, the mailbox's auto-reply. */
  mail: OutgoingMail[];
}

type Deps = Pick<Services, "db" | "storage" | "config" | "clock" | "origin" | "secrets" | "mailer" | "queues">;

export async function createConversation(services: Deps, input: CreateConversationInput): Promise<CreatedConversation> {
  const { db } = services;
  const now = services.clock.seconds();
  const userIds = [
    ...new Set([
      ...(input.assignTo !== undefined ? [input.assignTo] : []),
      ...input.threads.flatMap((t) => (t.user !== undefined ? [t.user] : [])),
    ]),
  ];
  const customerRefs = [
    { ref: input.customer, path: "customer" },
    ...input.threads.flatMap((thread, index) =>
      byCustomer(thread.type) && thread.customer ? [{ ref: thread.customer, path: `threads[${index}].customer` }] : [],
    ),
  ];

  const resolution = planCustomerResolution(db, customerRefs, now);
  const reads = await batchGroups(db, {
    mailbox: db
      .select({ id: mailboxes.id, autoReplyEnabled: mailboxes.autoReplyEnabled })
      .from(mailboxes)
      .where(eq(mailboxes.id, input.mailboxId)),
    people: usersWithAccess(db, userIds, input.mailboxId),
    fields: db.select().from(customFields).where(eq(customFields.mailboxId, input.mailboxId)),
    conversationIds: reserveIds(db, "conversations", 1),
    threadIds: reserveIds(db, "threads", input.threads.length),
    customers: resolution.statements,
  });
  const resolved = resolution.resolveEach(reads.customers);
  const conversationCustomer = resolved[0]!;
  if (!("idSql" in conversationCustomer)) throw conversationCustomer;
  if (!reads.mailbox[0]) throw invalidField("mailboxId", "Mailbox not found", input.mailboxId);
  const userById = new Map(reads.people.map((user) => [user.id, user]));

  // FreeScout skips a thread it cannot write (no such user or customer) and fails only if none is left.
  const threadCustomerOf = new Map<ThreadInput, ResolvedCustomer>();
  const problems: ApiError[] = [];
  let next = 1;
  const kept = input.threads.filter((thread, index) => {
    const path = `threads[${index}].`;
    let problem: ApiError | undefined;
    if (byCustomer(thread.type) && thread.customer) {
      const customer = resolved[next++]!;
      if ("idSql" in customer) threadCustomerOf.set(thread, customer);
      else problem = customer;
    }
    if (!byCustomer(thread.type)) {
      if (thread.user === undefined) problem = invalidField(`${path}user`, `A ${thread.type} thread needs a user`);
      else if (!userById.has(thread.user)) problem = invalidField(`${path}user`, "User not found", thread.user);
    }
    if (problem) problems.push(problem);
    return !problem;
  });
  if (!kept.length) throw problems[0]!;
  const threadList = { ...input, threads: kept };
  const assignTo = input.assignTo !== undefined && userById.has(input.assignTo) ? input.assignTo : undefined;
  const fieldValues = validateFieldValues(reads.fields, input.customFields ?? [], "customFields");

  const id = reservedRange(reads.conversationIds[1], 1)[0]!;
  const threadIds = reservedRange(reads.threadIds[1], input.threads.length).slice(0, kept.length);
  const stored = await storeThreadAttachments(services, kept);
  // An email's attachments are in R2 already, with their ids reserved.
  for (const [index, thread] of kept.entries()) if (thread.email) stored[index]!.unshift(...thread.email.attachments);
  const mailStates = kept.map((thread) =>
    replyMailState(services, { ...thread, imported: thread.imported ?? input.imported }),
  );
  const statements = buildStatements(db, threadList, {
    now,
    mailStates,
    id,
    threadIds,
    assignTo,
    customer: conversationCustomer,
    threadCustomers: new Map(
      kept.flatMap((thread, index) => {
        const customer = threadCustomerOf.get(thread);
        return customer ? [[index, customer] as const] : [];
      }),
    ),
    fieldValues,
    stored,
  });
  const answer = conversationReads(db, id, WITH_THREADS);
  const written = await batchGroups(db, { writes: statements.list, ...answer.groups }).catch(async (error) => {
    await deleteAttachmentObjects(
      services,
      stored.flat().map((file) => file.r2Key),
    );
    throw error;
  });
  const conversation = (await answer.finish(services, written))!;
  const newCustomers = createdCustomers(statements.customerInsertAt, written.writes);
  return {
    id,
    conversation,
    events: [...customerCreatedEvents(services, newCustomers), ...createdEvents(conversation)],
    mail: [
      ...mailStates.flatMap((state, index) =>
        state?.mailStatus === "queued"
          ? [{ kind: "reply" as const, conversationId: id, threadId: threadIds[kept.length - 1 - index]! }]
          : [],
      ),
      // A new conversation from a customer's email gets the mailbox's auto-reply (its oldest thread answered).
      ...(wantsAutoReply(reads.mailbox[0], kept[kept.length - 1]!)
        ? [{ kind: "auto_reply" as const, conversationId: id, threadId: threadIds[0]! }]
        : []),
    ],
  };
}

async function storeThreadAttachments(services: Deps, list: ThreadInput[]) {
  const stored: StoredAttachment[][] = [];
  const budget = newBudget(services.config);
  try {
    for (const [index, thread] of list.entries()) {
      stored.push(
        thread.attachments?.length
          ? await storeAttachments(services, {
              files: thread.attachments,
              path: `threads[${index}].attachments`,
              budget,
            })
          : [],
      );
    }
    return stored;
  } catch (error) {
    await deleteAttachmentObjects(
      services,
      stored.flat().map((file) => file.r2Key),
    );
    throw error;
  }
}

/** What the read batch decided, for the write batch. */
interface Plan {
  now: number;
  id: number;
  threadIds: number[];
  assignTo: number | undefined;
  customer: ResolvedCustomer;
  threadCustomers: Map<number, ResolvedCustomer>;
  fieldValues: { fieldId: number; value: string }[];
  stored: StoredAttachment[][];
  /** Each thread's outgoing email state, in input order (null: it sends nothing). */
  mailStates: (ReturnType<typeof replyMailState> | undefined)[];
}

function buildStatements(db: Database, input: CreateConversationInput, plan: Plan) {
  const { now, id, threadIds, assignTo, customer, threadCustomers, fieldValues, stored, mailStates } = plan;
  const list: Statement[] = [];
  const customerInsertAt: { index: number; customer: ResolvedCustomer }[] = [];
  for (const resolved of [customer, ...threadCustomers.values()]) {
    if (resolved.statements.length === 0) continue;
    customerInsertAt.push({ index: list.length, customer: resolved });
    list.push(...resolved.statements);
  }

  const createdAt = input.createdAt ?? now;
  const newestFirst = input.threads;
  // FreeScout adds the threads oldest first, each with Create Thread's status rule.
  const status: ConversationStatus =
    input.status ??
    newestFirst.reduceRight<ConversationStatus>(
      (current, thread) => statusAfterThread(thread.type, thread.state !== "draft", current, undefined),
      "active",
    );
  const oldest = newestFirst[newestFirst.length - 1]!;
  const published = newestFirst.filter((thread) => thread.state !== "draft");
  const newestReply = published.find((thread) => isReply(thread.type) && thread.type !== "phone");
  const newestUserThread = newestFirst.find((thread) => thread.user !== undefined);
  const threadTime = (thread: ThreadInput) =>
    (thread.imported || input.imported) && thread.createdAt !== undefined ? thread.createdAt : createdAt;
  const state: ConversationState = input.state ?? (published.length > 0 ? "published" : "draft");
  const customerId = customer.idSql;
  const withCc = newestFirst.find((thread) => thread.cc?.length);
  const withBcc = newestFirst.find((thread) => thread.bcc?.length);

  list.push(
    db.insert(conversations).values({
      id,
      number: sql`(SELECT coalesce(max(number), 0) + 1 FROM conversations)`,
      type: input.type,
      status,
      state,
      folderId: publicFolderIdSql(
        sql`${input.mailboxId}`,
        folderTypeSql(sql`${state}`, sql`${status}`, sql`${assignTo ?? null}`),
      ),
      mailboxId: input.mailboxId,
      assigneeId: assignTo ?? null,
      customerId,
      customerEmail: customer.email,
      createdByUserId: byCustomer(oldest.type) ? null : oldest.user!,
      createdByCustomerId: byCustomer(oldest.type)
        ? (threadCustomers.get(newestFirst.length - 1) ?? customer).idSql
        : null,
      sourceVia: sourceVia(oldest.type),
      sourceType: oldest.email ? "email" : "api",
      subject: input.subject,
      preview: newestReply ? previewOf(newestReply.text) : "",
      cc: withCc?.cc ?? [],
      bcc: withBcc?.bcc ?? [],
      threadsCount: newestFirst.length,
      customFields: Object.fromEntries(
        fieldValues.filter((v) => v.value !== "").map((v) => [String(v.fieldId), v.value]),
      ),
      closedByUserId: status === "closed" ? (newestUserThread?.user ?? null) : null,
      closedAt: status === "closed" ? (input.closedAt ?? now) : null,
      userUpdatedAt: newestUserThread ? createdAt : null,
      lastReplyAt: newestReply ? threadTime(newestReply) : null,
      lastReplyFrom: newestReply ? sourceVia(newestReply.type) : null,
      imported: input.imported ?? false,
      createdAt,
      updatedAt: now,
    }),
  );

  // Oldest first, so ids grow with age and "newest first" is (createdAt, id) descending.
  for (let index = newestFirst.length - 1; index >= 0; index--) {
    const thread = newestFirst[index]!;
    const threadId = threadIds[newestFirst.length - 1 - index]!;
    const author = threadCustomers.get(index) ?? customer;
    list.push(
      db.insert(threads).values({
        id: threadId,
        conversationId: id,
        type: thread.type,
        status,
        state: thread.state ?? "published",
        body: thread.text,
        sourceVia: sourceVia(thread.type),
        sourceType: thread.email ? "email" : "api",
        mailFlags: thread.email?.flags ?? null,
        ...mailStates[index],
        customerId,
        createdByUserId: byCustomer(thread.type) ? null : thread.user!,
        createdByCustomerId: byCustomer(thread.type) ? author.idSql : null,
        assignedToUserId: assignTo ?? null,
        to: thread.to ?? (thread.type === "message" && customer.email ? [customer.email] : []),
        cc: thread.cc ?? [],
        bcc: thread.bcc ?? [],
        imported: thread.imported ?? input.imported ?? false,
        createdAt: threadTime(thread),
        updatedAt: now,
      }),
    );
    if (thread.email) list.push(...emailThreadStatements(db, thread.email, { conversationId: id, threadId }));
    const files = stored[index] ?? [];
    if (files.length) {
      const rows = files.map((file) => ({ ...file, conversationId: id, threadId, createdAt: now }));
      for (const chunk of insertChunks(rows)) list.push(db.insert(attachments).values(chunk));
    }
  }

  return { list, customerInsertAt };
}

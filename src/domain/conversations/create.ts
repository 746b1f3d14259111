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
import { invalidField } from "../../lib/errors";
import type { ConversationStatus } from "../../lib/vocabulary";
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
import { createdEvents } from "../webhooks/events";
import type { DomainEvent } from "../webhooks/publish";
import { batchGroups } from "./batchGroups";
import { type ConversationResults, conversationStatements, finishConversation, WITH_THREADS } from "./load";
import { usersWithAccess } from "./people";
import type { ThreadInput } from "./threadInput";
import { byCustomer, isReply, previewOf, requireAuthor, sourceVia } from "./threadRules";

export interface CreateConversationInput {
  type: "email" | "phone" | "chat";
  mailboxId: number;
  subject: string;
  customer: CustomerRef;
  /** Newest first. */
  threads: ThreadInput[];
  imported?: boolean;
  assignTo?: number;
  status?: ConversationStatus;
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
}

type Deps = Pick<Services, "db" | "storage" | "config" | "clock" | "origin" | "secrets">;

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
  if (input.type !== "phone" && !input.customer.email && input.customer.id === undefined) {
    throw invalidField("customer", "Customer object must contain a valid customer id or an email address");
  }
  for (const [index, thread] of input.threads.entries()) {
    requireAuthor({ type: thread.type, user: thread.user, hasCustomer: true }, `threads[${index}].`);
  }

  const resolution = planCustomerResolution(db, customerRefs, now);
  const reads = await batchGroups(db, {
    mailbox: db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, input.mailboxId)),
    people: usersWithAccess(db, userIds, input.mailboxId),
    fields: db.select().from(customFields).where(eq(customFields.mailboxId, input.mailboxId)),
    conversationIds: reserveIds(db, "conversations", 1),
    threadIds: reserveIds(db, "threads", input.threads.length),
    customers: resolution.statements,
  });
  if (!reads.mailbox[0]) throw invalidField("mailboxId", "Mailbox not found", input.mailboxId);
  const userById = new Map(reads.people.map((user) => [user.id, user]));
  input.threads.forEach((thread, index) => {
    if (thread.user !== undefined && !userById.has(thread.user)) {
      throw invalidField(`threads[${index}].user`, "User not found", thread.user);
    }
  });
  if (input.assignTo !== undefined) {
    const assignee = userById.get(input.assignTo);
    if (!assignee) throw invalidField("assignTo", "User not found", input.assignTo);
    if (!assignee.hasAccess) throw invalidField("assignTo", "The user has no access to the mailbox", input.assignTo);
  }
  const fieldValues = validateFieldValues(reads.fields, input.customFields ?? [], "customFields");
  const customers = resolution.resolve(reads.customers);
  const conversationCustomer = customers[0]!;
  const threadCustomers = new Map<number, ResolvedCustomer>();
  let next = 1;
  input.threads.forEach((thread, index) => {
    if (byCustomer(thread.type) && thread.customer) threadCustomers.set(index, customers[next++]!);
  });

  const id = reservedRange(reads.conversationIds[1], 1)[0]!;
  const threadIds = reservedRange(reads.threadIds[1], input.threads.length);
  const stored = await storeThreadAttachments(services, input.threads);
  const statements = buildStatements(db, input, {
    now,
    id,
    threadIds,
    customer: conversationCustomer,
    threadCustomers,
    fieldValues,
    stored,
  });
  let written: { writes: unknown[]; conversation: ConversationResults };
  try {
    written = await batchGroups(db, {
      writes: statements.list,
      conversation: conversationStatements(db, id, WITH_THREADS),
    });
  } catch (error) {
    await deleteAttachmentObjects(
      services,
      stored.flat().map((file) => file.r2Key),
    );
    throw error;
  }
  const conversation = (await finishConversation(services, written.conversation, WITH_THREADS))!;
  const newCustomers = createdCustomers(statements.customerInsertAt, written.writes);
  return {
    id,
    conversation,
    events: [...customerCreatedEvents(services, newCustomers), ...createdEvents(conversation)],
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
  customer: ResolvedCustomer;
  threadCustomers: Map<number, ResolvedCustomer>;
  fieldValues: { fieldId: number; value: string }[];
  stored: StoredAttachment[][];
}

function buildStatements(db: Database, input: CreateConversationInput, plan: Plan) {
  const { now, id, threadIds, customer, threadCustomers, fieldValues, stored } = plan;
  const list: Statement[] = [];
  const customerInsertAt: { index: number; customer: ResolvedCustomer }[] = [];
  for (const resolved of [customer, ...threadCustomers.values()]) {
    if (resolved.statements.length === 0) continue;
    customerInsertAt.push({ index: list.length, customer: resolved });
    list.push(...resolved.statements);
  }

  const createdAt = input.createdAt ?? now;
  const status: ConversationStatus = input.status ?? "active";
  const newestFirst = input.threads;
  const oldest = newestFirst[newestFirst.length - 1]!;
  const published = newestFirst.filter((thread) => thread.state !== "draft");
  const newestReply = published.find((thread) => isReply(thread.type) && thread.type !== "phone");
  const newestUserThread = newestFirst.find((thread) => thread.user !== undefined);
  const threadTime = (thread: ThreadInput) =>
    (thread.imported || input.imported) && thread.createdAt !== undefined ? thread.createdAt : createdAt;
  const state = published.length > 0 ? "published" : "draft";
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
        folderTypeSql(sql`${state}`, sql`${status}`, sql`${input.assignTo ?? null}`),
      ),
      mailboxId: input.mailboxId,
      assigneeId: input.assignTo ?? null,
      customerId,
      customerEmail: customer.email,
      createdByUserId: byCustomer(oldest.type) ? null : oldest.user!,
      createdByCustomerId: byCustomer(oldest.type)
        ? (threadCustomers.get(newestFirst.length - 1) ?? customer).idSql
        : null,
      sourceVia: sourceVia(oldest.type),
      sourceType: "api",
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
        sourceType: "api",
        customerId,
        createdByUserId: byCustomer(thread.type) ? null : thread.user!,
        createdByCustomerId: byCustomer(thread.type) ? author.idSql : null,
        assignedToUserId: input.assignTo ?? null,
        to: thread.to ?? (thread.type === "message" && customer.email ? [customer.email] : []),
        cc: thread.cc ?? [],
        bcc: thread.bcc ?? [],
        imported: thread.imported ?? input.imported ?? false,
        createdAt: threadTime(thread),
        updatedAt: now,
      }),
    );
    const files = stored[index] ?? [];
    if (files.length) {
      const rows = files.map((file) => ({ ...file, conversationId: id, threadId, createdAt: now }));
      for (const chunk of insertChunks(rows)) list.push(db.insert(attachments).values(chunk));
    }
  }

  return { list, customerInsertAt };
}

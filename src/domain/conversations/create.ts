/**
 * Create Conversation: one read batch (mailbox, users, fields, customers, id reservations),
 * attachments into R2, then one write batch. The number is allocated inside the write
 * batch, whose transaction serialises concurrent creates, so numbers are unique and
 * consecutive.
 */
import { eq, sql } from "drizzle-orm";
import type { Config } from "../../config";
import type { Database } from "../../db/client";
import { reservedRange, reserveIds, type Statement } from "../../db/ids";
import { attachments, conversations, customFields, mailboxes, threads } from "../../db/schema";
import { insertChunks } from "../../db/sql";
import type { ThreadInputValue } from "../../http/routes/conversations/schemas";
import { invalidField } from "../../lib/errors";
import type { ConversationStatus } from "../../lib/vocabulary";
import { deleteAttachmentObjects, newBudget, type StoredAttachment, storeAttachments } from "../attachments/store";
import {
  type CustomerRef,
  createdCustomers,
  type NewCustomer,
  planCustomerResolution,
  type ResolvedCustomer,
} from "../customers/resolution";
import { validateFieldValues } from "../fieldValues";
import { folderTypeSql, publicFolderIdSql } from "../folders";
import { type ConversationResults, conversationStatements, type Embed } from "./load";
import { usersWithAccess } from "./people";
import { byCustomer, isReply, previewOf, requireAuthor, sourceVia } from "./threadRules";

export interface CreateConversationInput {
  type: "email" | "phone" | "chat";
  mailboxId: number;
  subject: string;
  customer: CustomerRef;
  threads: ThreadInputValue[];
  imported?: boolean;
  assignTo?: number;
  status?: ConversationStatus;
  customFields?: { id: number; value: unknown }[];
  createdAt?: number;
  closedAt?: number;
}

export interface CreatedConversation {
  id: number;
  /** The conversation with its threads, read by the write batch itself (for `finishConversation`). */
  reads: ConversationResults;
  /** Customers this request created, for customer.created events. */
  newCustomers: NewCustomer[];
}

/** Create Conversation answers with the conversation and its threads. */
export const CREATED_EMBED: ReadonlySet<Embed> = new Set(["threads"]);

export async function createConversation(
  db: Database,
  env: Env,
  config: Config,
  input: CreateConversationInput,
  now: number,
): Promise<CreatedConversation> {
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
  const [mailbox, people, fields, , conversationSeq, , threadSeq, ...customerResults] = await db.batch([
    db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, input.mailboxId)),
    usersWithAccess(db, userIds, input.mailboxId),
    db.select().from(customFields).where(eq(customFields.mailboxId, input.mailboxId)),
    ...reserveIds(db, "conversations", 1),
    ...reserveIds(db, "threads", input.threads.length),
    ...resolution.statements,
  ]);
  if (!mailbox[0]) throw invalidField("mailboxId", "Mailbox not found", input.mailboxId);
  const userById = new Map(people.map((user) => [user.id, user]));
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
  const fieldValues = validateFieldValues(fields, input.customFields ?? [], "customFields");
  const customers = resolution.resolve(customerResults);
  const conversationCustomer = customers[0]!;
  const threadCustomers = new Map<number, ResolvedCustomer>();
  let next = 1;
  input.threads.forEach((thread, index) => {
    if (byCustomer(thread.type) && thread.customer) threadCustomers.set(index, customers[next++]!);
  });

  const id = reservedRange(conversationSeq, 1)[0]!;
  const threadIds = reservedRange(threadSeq, input.threads.length);
  const stored = await storeThreadAttachments(env, config, input.threads);
  try {
    const statements = buildStatements(
      db,
      input,
      now,
      id,
      threadIds,
      conversationCustomer,
      threadCustomers,
      fieldValues,
      stored,
    );
    const all: Statement[] = [...statements.list, ...conversationStatements(db, id, CREATED_EMBED)];
    const results = await db.batch(all as [Statement, ...Statement[]]);
    const reads = results.slice(statements.list.length) as unknown as ConversationResults;
    return { id, reads, newCustomers: createdCustomers(statements.customerInsertAt, results) };
  } catch (error) {
    await deleteAttachmentObjects(
      env,
      stored.flat().map((file) => file.r2Key),
    );
    throw error;
  }
}

async function storeThreadAttachments(env: Env, config: Config, list: ThreadInputValue[]) {
  const stored: StoredAttachment[][] = [];
  const budget = newBudget(config);
  try {
    for (const [index, thread] of list.entries()) {
      stored.push(
        thread.attachments?.length
          ? await storeAttachments(env, config, thread.attachments, `threads[${index}].attachments`, budget)
          : [],
      );
    }
    return stored;
  } catch (error) {
    await deleteAttachmentObjects(
      env,
      stored.flat().map((file) => file.r2Key),
    );
    throw error;
  }
}

function buildStatements(
  db: Database,
  input: CreateConversationInput,
  now: number,
  id: number,
  threadIds: number[],
  customer: ResolvedCustomer,
  threadCustomers: Map<number, ResolvedCustomer>,
  fieldValues: { fieldId: number; value: string }[],
  stored: StoredAttachment[][],
) {
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
  const threadTime = (thread: ThreadInputValue) =>
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
      sourceType: input.type,
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
        sourceType: input.type,
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

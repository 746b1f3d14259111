/**
 * Update Conversation: "Order of passed parameters determines the order in which changes
 * are made." Each change is applied in turn to the conversation as the previous change left
 * it, and records the line-item thread FreeScout records. One read batch, one write batch;
 * the write is guarded by the state it was computed from and retried on a concurrent change,
 * so no update is lost.
 */
import { and, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { reservedRange, reserveIds } from "../../db/ids";
import { conversations, customers, mailboxes, mailboxUsers, users } from "../../db/schema";
import { returnedRows } from "../../db/sql";
import { ApiError, invalidField, notFound } from "../../lib/errors";
import type { ConversationStatus, threadActionTypes } from "../../lib/vocabulary";
import type { Services } from "../../services";
import { refileSql } from "../folders";
import { type ConversationChanges, updateEvents } from "../webhooks/events";
import type { DomainEvent } from "../webhooks/publish";
import { batchGroups } from "./batchGroups";
import { conversationPayload } from "./load";
import { fullName } from "./people";

export const CHANGE_KEYS = ["status", "assignTo", "mailboxId", "customerId", "subject"] as const;
export type ChangeKey = (typeof CHANGE_KEYS)[number];

export interface UpdateInput {
  conversationId: number;
  /** The changed keys in the order the caller gave them: the order the changes are made in. */
  order: ChangeKey[];
  byUser?: number;
  status?: ConversationStatus;
  /** null (or 0 / -1, as FreeScout clients send) unassigns. */
  assignTo?: number | null;
  mailboxId?: number;
  customerId?: number;
  subject?: string;
}

export interface UpdatedConversation {
  changes: ConversationChanges;
  /** convo.status, convo.assigned, convo.moved and convo.updated, for what changed. */
  events: DomainEvent[];
}

const NEEDS_USER: ChangeKey[] = ["status", "assignTo", "mailboxId"];
const MAX_ATTEMPTS = 5;

type ActionType = (typeof threadActionTypes)[number];
type Deps = Pick<Services, "db" | "clock" | "origin" | "secrets">;

interface State {
  status: ConversationStatus;
  assigneeId: number | null;
  mailboxId: number;
  customerId: number | null;
  subject: string;
}

interface LineItem {
  action: ActionType;
  text: string;
  status: ConversationStatus;
  assigneeId: number | null;
}

export async function updateConversation(services: Deps, input: UpdateInput): Promise<UpdatedConversation> {
  const missing = input.order.find((key) => NEEDS_USER.includes(key)) && input.byUser === undefined;
  if (missing) throw invalidField("byUser", "byUser is required when changing status, assignTo or mailboxId");
  const now = services.clock.seconds();
  for (let attempt = 1; ; attempt++) {
    const read = await readForUpdate(services.db, input);
    const applied = applyChanges(read, input, now);
    if (!applied.changed || (await guardedWrite(services.db, input, read, applied, now))) {
      const payload = conversationPayload(services, input.conversationId);
      return { changes: applied.changes, events: updateEvents(applied.changes, payload) };
    }
    if (attempt >= MAX_ATTEMPTS) {
      throw new ApiError(409, [
        {
          path: "conversationId",
          message: "The conversation is being changed by another request; try again",
          rejectedValue: input.conversationId,
          source: "PATH",
        },
      ]);
    }
  }
}

type UpdateReads = Awaited<ReturnType<typeof readForUpdate>>;

/** The conversation and everything the changes refer to, with ids reserved for line items. */
async function readForUpdate(db: Database, input: UpdateInput) {
  const userIds = [input.byUser, input.assignTo].filter((v): v is number => typeof v === "number" && v > 0);
  const currentAssignee = sql`(SELECT assignee_id FROM conversations WHERE id = ${input.conversationId})`;
  const reads = await batchGroups(db, {
    conversation: db
      .select({
        status: conversations.status,
        state: conversations.state,
        assigneeId: conversations.assigneeId,
        mailboxId: conversations.mailboxId,
        customerId: conversations.customerId,
        subject: conversations.subject,
        closedByUserId: conversations.closedByUserId,
        closedAt: conversations.closedAt,
      })
      .from(conversations)
      .where(eq(conversations.id, input.conversationId)),
    people: db
      .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, role: users.role })
      .from(users)
      .where(or(inArray(users.id, userIds), eq(users.id, currentAssignee))),
    // The current assignee too: a move keeps it when it may work in the new mailbox.
    access: db
      .select({ mailboxId: mailboxUsers.mailboxId, userId: mailboxUsers.userId })
      .from(mailboxUsers)
      .where(or(inArray(mailboxUsers.userId, userIds), eq(mailboxUsers.userId, currentAssignee))),
    targetMailbox: db
      .select({ id: mailboxes.id, name: mailboxes.name })
      .from(mailboxes)
      .where(inArray(mailboxes.id, [input.mailboxId ?? 0])),
    customer: db
      .select({ id: customers.id, firstName: customers.firstName, lastName: customers.lastName })
      .from(customers)
      .where(eq(customers.id, input.customerId ?? 0)),
    threadIds: reserveIds(db, "threads", input.order.length),
  });
  const before = reads.conversation[0];
  if (!before) throw notFound("conversationId", input.conversationId);
  const userById = new Map(reads.people.map((user) => [user.id, user]));
  const byUser = input.byUser === undefined ? null : (userById.get(input.byUser) ?? null);
  if (input.byUser !== undefined && !byUser) throw invalidField("byUser", "User not found", input.byUser);
  return {
    before,
    byUser,
    userById,
    // Admins work in every mailbox (FreeScout).
    hasAccess: (userId: number, mailboxId: number) =>
      userById.get(userId)?.role === "admin" ||
      reads.access.some((row) => row.userId === userId && row.mailboxId === mailboxId),
    targetMailbox: reads.targetMailbox[0],
    customer: reads.customer[0],
    threadIds: reservedRange(reads.threadIds[1], input.order.length),
  };
}

/** Applies the changes in order to the conversation as read; throws for a change that cannot be made. */
function applyChanges(read: UpdateReads, input: UpdateInput, now: number) {
  const { before, byUser, userById, hasAccess } = read;
  const actor = byUser ? fullName(byUser) : "API";
  const state: State = { ...before };
  const lineItems: LineItem[] = [];
  let closed = { by: before.closedByUserId, at: before.closedAt };
  const record = (action: ActionType, text: string) =>
    lineItems.push({ action, text, status: state.status, assigneeId: state.assigneeId });

  for (const key of input.order) {
    switch (key) {
      case "status": {
        const status = input.status!;
        if (status === state.status) break;
        state.status = status;
        closed = status === "closed" ? { by: byUser!.id, at: now } : { by: null, at: null };
        record("changed-ticket-status", `${actor} marked as ${status[0]!.toUpperCase()}${status.slice(1)}`);
        break;
      }
      case "assignTo": {
        const target = input.assignTo && input.assignTo > 0 ? input.assignTo : null;
        if (target === state.assigneeId) break;
        if (target === null) {
          state.assigneeId = null;
          record("changed-ticket-assignee", `${actor} unassigned conversation`);
          break;
        }
        // FreeScout assigns without checking access; an unknown user is skipped (no phantom assignee).
        const assignee = userById.get(target);
        if (!assignee) break;
        state.assigneeId = target;
        const name = target === byUser?.id ? "themselves" : fullName(assignee);
        record("changed-ticket-assignee", `${actor} assigned conversation to ${name}`);
        break;
      }
      case "mailboxId": {
        const target = read.targetMailbox;
        if (!target) throw invalidField("mailboxId", "Mailbox not found", input.mailboxId);
        if (target.id === state.mailboxId) break;
        const from = state.mailboxId;
        state.mailboxId = target.id;
        // An assignee without access to the new mailbox hands the conversation to the user moving it (FreeScout).
        if (state.assigneeId !== null && !hasAccess(state.assigneeId, target.id)) state.assigneeId = byUser!.id;
        record("moved-from-mailbox", `${actor} moved conversation to ${target.name} (from mailbox #${from})`);
        break;
      }
      case "customerId": {
        const target = read.customer;
        if (!target) throw invalidField("customerId", "Customer not found", input.customerId);
        if (target.id === state.customerId) break;
        state.customerId = target.id;
        const name = `${target.firstName ?? ""} ${target.lastName ?? ""}`.trim() || `customer #${target.id}`;
        record("changed-ticket-customer", `${actor} changed the customer to ${name}`);
        break;
      }
      case "subject":
        state.subject = input.subject!;
        break;
    }
  }

  const changes: ConversationChanges = {
    statusChanged: state.status !== before.status,
    assigneeChanged: state.assigneeId !== before.assigneeId,
    moved: state.mailboxId !== before.mailboxId,
    detailsChanged: state.subject !== before.subject || state.customerId !== before.customerId,
  };
  const changed = input.order.length > 0 && (lineItems.length > 0 || state.subject !== before.subject);
  return { state, closed, lineItems, changes, changed };
}

/**
 * Writes the new state and its line items only if the conversation is still as it was read;
 * false when a concurrent write changed it in between.
 */
async function guardedWrite(
  db: Database,
  input: UpdateInput,
  read: UpdateReads,
  applied: ReturnType<typeof applyChanges>,
  now: number,
): Promise<boolean> {
  const id = input.conversationId;
  const { before, byUser, threadIds } = read;
  const { state, closed, lineItems } = applied;
  const guard: SQL = and(
    eq(conversations.id, id),
    eq(conversations.status, before.status),
    eq(conversations.mailboxId, before.mailboxId),
    eq(conversations.subject, before.subject),
    before.assigneeId === null ? isNull(conversations.assigneeId) : eq(conversations.assigneeId, before.assigneeId),
    before.customerId === null ? isNull(conversations.customerId) : eq(conversations.customerId, before.customerId),
  )!;
  const { updated } = await batchGroups(db, {
    updated: db
      .update(conversations)
      .set({
        status: state.status,
        assigneeId: state.assigneeId,
        mailboxId: state.mailboxId,
        customerId: state.customerId,
        customerEmail:
          state.customerId === before.customerId
            ? sql`${conversations.customerEmail}`
            : sql`(SELECT email FROM customer_emails WHERE customer_id = ${state.customerId} ORDER BY id LIMIT 1)`,
        subject: state.subject,
        closedByUserId: closed.by,
        closedAt: closed.at,
        updatedAt: now,
        ...(byUser && { userUpdatedAt: now }),
      })
      .where(guard)
      .returning({ id: conversations.id }),
    // Line items only if the guarded update happened: each insert sees the previous one's changes().
    lineItems: lineItems.map((item, index) =>
      db.run(sql`INSERT INTO threads (id, conversation_id, type, status, state, action_type, action_text, source_via,
          source_type, customer_id, created_by_user_id, assigned_to_user_id, "to", cc, bcc, imported, created_at, updated_at)
        SELECT ${threadIds[index]!}, ${id}, 'lineitem', ${item.status}, 'published', ${item.action}, ${item.text}, 'user',
          'web', ${state.customerId}, ${byUser?.id ?? null}, ${item.assigneeId}, '[]', '[]', '[]', 0, ${now}, ${now}
        WHERE changes() > 0`),
    ),
    refile: db.run(refileSql(id)),
  });
  return returnedRows(updated) > 0;
}

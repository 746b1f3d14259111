/** The events each kind of change causes, with their payloads as the API shows the entities. */
import type { Database } from "../../db/client";
import { webhooks } from "../../db/schema";
import {
  conversationStatements,
  finishConversation,
  loadConversation,
  type PresentContext,
} from "../conversations/load";
import type { UpdateOutcome } from "../conversations/update";
import type { DomainEvent } from "./publish";

const WITH_THREADS = new Set(["threads"] as const);

/** Delete Conversation deletes forever: FreeScout's convo.deleted and convo.deleted_forever. */
export const DELETE_EVENTS = ["convo.deleted", "convo.deleted_forever"] as const;

/**
 * The conversation as it is before a delete, if some webhook wants the delete events: read
 * with the subscriptions in one round trip, the people in a second only when needed.
 */
export async function conversationBeforeDelete(db: Database, id: number, ctx: PresentContext) {
  const [subscribers, ...reads] = await db.batch([
    db.select({ events: webhooks.events }).from(webhooks),
    ...conversationStatements(db, id, WITH_THREADS),
  ]);
  const wanted = subscribers.some((row) =>
    row.events.some((event) => (DELETE_EVENTS as readonly string[]).includes(event)),
  );
  return wanted ? finishConversation(db, reads, WITH_THREADS, ctx) : null;
}

/** The conversation as Get Conversation returns it (with threads), read when some webhook wants it. */
export const conversationPayload = (db: Database, id: number, ctx: PresentContext) => () =>
  loadConversation(db, id, WITH_THREADS, ctx);

const THREAD_EVENTS = {
  customer: "convo.customer.reply.created",
  chat: "convo.customer.reply.created",
  message: "convo.agent.reply.created",
  phone: "convo.agent.reply.created",
  note: "convo.note.created",
} as const;

export function threadEvents(
  type: keyof typeof THREAD_EVENTS,
  statusChanged: boolean,
  payload: DomainEvent["payload"],
): DomainEvent[] {
  const events: DomainEvent[] = [{ event: THREAD_EVENTS[type], payload }];
  if (statusChanged) events.push({ event: "convo.status", payload });
  return events;
}

export function updateEvents(outcome: UpdateOutcome, payload: DomainEvent["payload"]): DomainEvent[] {
  const events: DomainEvent[] = [];
  if (outcome.statusChanged) events.push({ event: "convo.status", payload });
  if (outcome.assigneeChanged) events.push({ event: "convo.assigned", payload });
  if (outcome.moved) events.push({ event: "convo.moved", payload });
  return events;
}

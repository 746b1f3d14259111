/**
 * Which change causes which events (FreeScout's webhook event names, and the extension events
 * a webhook gets only if it names them). The payload is the
 * entity as the API shows it, or a function that reads it only if some webhook subscribes.
 */
import { toIso } from "../../lib/dates";
import { conversationPayload, type Reader } from "../conversations/load";
import type { ThreadInputType } from "../conversations/threadInput";
import type { OutgoingMail } from "../mail/outgoing/message";
import type { DomainEvent } from "./publish";

type Payload = DomainEvent["payload"];

/** What an update changed, as far as events tell. */
export interface ConversationChanges {
  statusChanged: boolean;
  assigneeChanged: boolean;
  moved: boolean;
  /** Subject or customer: the extension event convo.updated. */
  detailsChanged?: boolean;
}

/**
 * Delete Conversation deletes forever, and FreeScout's module then fires convo.deleted_forever
 * only (convo.deleted is moving a conversation to the Deleted folder, which the API never does).
 */
export const DELETE_EVENTS = ["convo.deleted_forever"] as const;

const THREAD_EVENTS = {
  customer: "convo.customer.reply.created",
  chat: "convo.customer.reply.created",
  message: "convo.agent.reply.created",
  phone: "convo.agent.reply.created",
  note: "convo.note.created",
} as const satisfies Record<ThreadInputType, DomainEvent["event"]>;

export const createdEvents = (payload: Payload): DomainEvent[] => [{ event: "convo.created", payload }];

/** `statusAnnounced`: FreeScout fires convo.status on a thread only for an agent reply that sets a new status. */
export function threadEvents(type: ThreadInputType, statusAnnounced: boolean, payload: Payload): DomainEvent[] {
  const events: DomainEvent[] = [{ event: THREAD_EVENTS[type], payload }];
  if (statusAnnounced) events.push({ event: "convo.status", payload });
  return events;
}

export function updateEvents(changes: ConversationChanges, payload: Payload): DomainEvent[] {
  const events: DomainEvent[] = [];
  if (changes.statusChanged) events.push({ event: "convo.status", payload });
  if (changes.assigneeChanged) events.push({ event: "convo.assigned", payload });
  if (changes.moved) events.push({ event: "convo.moved", payload });
  if (changes.detailsChanged) events.push({ event: "convo.updated", payload });
  return events;
}

export const tagsEvents = (payload: Payload): DomainEvent[] => [{ event: "convo.tags", payload }];
export const customFieldsEvents = (payload: Payload): DomainEvent[] => [{ event: "convo.custom_fields", payload }];

export const deleteEvents = (payload: Payload): DomainEvent[] => DELETE_EVENTS.map((event) => ({ event, payload }));

/**
 * convo.mail.failed: an outgoing email that will not be sent (failed for good). The body says
 * which and why, with the conversation as the API shows it.
 */
export function mailFailedEvents(
  services: Reader,
  mail: OutgoingMail,
  failure: { reason: string; recipients: string[]; failedAt: number },
): DomainEvent[] {
  const payload = async () => {
    const conversation = await conversationPayload(services, mail.conversationId)();
    if (!conversation) return null;
    return {
      kind: mail.kind === "reply" ? "reply" : "auto_reply",
      conversationId: mail.conversationId,
      threadId: mail.kind === "reply" ? mail.threadId : null,
      mailboxId: conversation.mailboxId,
      recipients: failure.recipients,
      reason: failure.reason,
      failedAt: toIso(failure.failedAt),
      conversation,
    };
  };
  return [{ event: "convo.mail.failed", payload }];
}

/** Delete Customer's erasure finished (an extension event: sent only to webhooks that name it). */
export const customerDeletedEvents = (payload: {
  id: number;
  erasedAt: string;
  conversations: "deleted" | "kept";
}): DomainEvent[] => [{ event: "customer.deleted", payload }];

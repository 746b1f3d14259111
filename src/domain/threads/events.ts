/**
 * The extension events of Update Thread and Delete Thread (sent only to webhooks that name
 * them): convo.thread.updated for a new text or a thread hidden or shown, convo.thread.deleted
 * for a thread deleted. The payload is the conversation as Get Conversation shows it after the
 * change (with threads), as FreeScout's convo.* events carry it, plus `threadId`: which thread
 * (a deleted one is no longer among the threads). Read only if some webhook wants it.
 */
import { conversationPayload, type Reader } from "../conversations/load";
import type { DomainEvent } from "../webhooks/publish";
import type { ThreadTarget } from "./reads";

export function changeEvents(
  services: Reader,
  target: ThreadTarget,
  changed: boolean,
  change: "updated" | "deleted",
): DomainEvent[] {
  if (!changed) return [];
  const event = change === "updated" ? "convo.thread.updated" : "convo.thread.deleted";
  const conversation = conversationPayload(services, target.conversationId);
  const payload = async () => {
    const shown = await conversation();
    return shown && { ...shown, threadId: target.threadId };
  };
  return [{ event, payload }];
}

/** Rules every new thread follows, in Create Conversation and Create Thread alike. */
import { invalidField } from "../../lib/errors";
import type { ConversationStatus } from "../../lib/vocabulary";
import type { ThreadInputType } from "./threadInput";

/** Threads written by the customer; the others are written by a user. */
export const byCustomer = (type: ThreadInputType) => type === "customer" || type === "chat";

export const sourceVia = (type: ThreadInputType) => (byCustomer(type) ? "customer" : "user") as "customer" | "user";

/** A user's reply to the customer (FreeScout's message; phone threads count as one). */
export const isAgentReply = (type: ThreadInputType) => type === "message" || type === "phone";

/** Replies move the conversation's preview and waiting time; notes do not. */
export const isReply = (type: ThreadInputType) => type !== "note";

/**
 * "If not explicitly set, a customer reply will reactivate the conversation and support
 * agent reply will make it pending." Notes and drafts leave the status alone.
 */
export function statusAfterThread(
  type: ThreadInputType,
  published: boolean,
  current: ConversationStatus,
  explicit: ConversationStatus | undefined,
): ConversationStatus {
  if (explicit) return explicit;
  if (!published) return current;
  if (byCustomer(type)) return "active";
  if (type === "message") return "pending";
  return current;
}

/** The plain-text start of a message, as FreeScout keeps it (255 characters). */
export function previewOf(body: string): string {
  const text = body
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return [...text].slice(0, 255).join("");
}

/** The author a thread type needs: 400 naming the missing field otherwise. */
export function requireAuthor(thread: { type: ThreadInputType; user?: number; hasCustomer: boolean }, path: string) {
  if (byCustomer(thread.type)) {
    if (!thread.hasCustomer) throw invalidField(`${path}customer`, `A ${thread.type} thread needs a customer`);
  } else if (thread.user === undefined) {
    throw invalidField(`${path}user`, `A ${thread.type} thread needs a user`);
  }
}

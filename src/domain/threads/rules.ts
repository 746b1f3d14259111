/**
 * What Update Thread and Delete Thread may do to a thread, as Help Scout's Mailbox API allows
 * it: the text of a note or an agent's thread (message, phone) changes; an agent's reply or a
 * customer's thread (customer, chat) is hidden and shown again, never a draft; a line item
 * records what happened and stays as it is. A customer's thread is never destroyed by the API:
 * Delete Thread hides it.
 */
import { ApiError, badRequest } from "../../lib/errors";
import type { ThreadState, ThreadType } from "../../lib/vocabulary";

export interface ThreadFacts {
  id: number;
  type: ThreadType;
  state: ThreadState;
  body: string | null;
}

export interface ThreadChange {
  text?: string;
  hidden?: boolean;
}

/** The thread's text and state after a change. */
export interface ThreadOutcome {
  body: string | null;
  state: ThreadState;
}

const CUSTOMER_TYPES: readonly ThreadType[] = ["customer", "chat"];
const HIDEABLE_TYPES: readonly ThreadType[] = ["customer", "chat", "message", "phone"];

export const isCustomerThread = (type: ThreadType) => CUSTOMER_TYPES.includes(type);

export function refuseLineItem(thread: ThreadFacts) {
  if (thread.type !== "lineitem") return;
  throw new ApiError(409, [
    {
      path: "threadId",
      message: "A line item records what happened to the conversation and cannot be changed or deleted",
      rejectedValue: thread.id,
      source: "PATH",
    },
  ]);
}

const refused = (path: "text" | "hidden", message: string, rejectedValue: unknown) =>
  badRequest({ path, message, rejectedValue, source: "JSON" });

/** Text without markup and blanks, as FreeScout's "Message cannot be empty" judges it. */
const hasText = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .trim() !== "";

/** Applies Update Thread's rules; throws the 409/400 naming what is refused. */
export function planEdit(thread: ThreadFacts, change: ThreadChange): ThreadOutcome {
  refuseLineItem(thread);
  if (change.text === undefined && change.hidden === undefined) {
    throw refused("text", "Nothing to change: give text or hidden", undefined);
  }
  const errors: ApiError[] = [];
  if (change.text !== undefined) {
    if (isCustomerThread(thread.type)) {
      errors.push(
        refused(
          "text",
          "The text of a customer's thread cannot be changed; it can be hidden (hidden: true)",
          change.text,
        ),
      );
    } else if (!hasText(change.text)) {
      errors.push(refused("text", "Message cannot be empty", change.text));
    }
  }
  if (change.hidden !== undefined) {
    if (!HIDEABLE_TYPES.includes(thread.type)) {
      errors.push(refused("hidden", "A note cannot be hidden; it can be deleted", change.hidden));
    } else if (thread.state === "draft" || thread.state === "review") {
      errors.push(refused("hidden", "A draft cannot be hidden", change.hidden));
    }
  }
  if (errors.length) throw badRequest(...errors.flatMap((error) => error.errors));
  return {
    body: change.text ?? thread.body,
    state: change.hidden === undefined ? thread.state : visibility(thread.state, change.hidden),
  };
}

function visibility(state: ThreadState, hidden: boolean): ThreadState {
  if (hidden) return "hidden";
  return state === "hidden" ? "published" : state;
}

/** What Delete Thread does: a customer's thread is hidden, an agent's thread or note deleted. */
export function planDelete(thread: ThreadFacts, threadsCount: number): "hide" | "delete" {
  refuseLineItem(thread);
  if (isCustomerThread(thread.type)) return "hide";
  if (threadsCount <= 1) {
    throw new ApiError(409, [
      {
        path: "threadId",
        message: "The conversation's only thread cannot be deleted; delete the conversation instead",
        rejectedValue: thread.id,
        source: "PATH",
      },
    ]);
  }
  return "delete";
}

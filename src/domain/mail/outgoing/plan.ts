/**
 * Which new threads are emailed, decided inside the write that creates them (no extra D1
 * round trip: the thread row is inserted with its mail state). An agent's `message` thread
 * that is published and not imported is mailed; notes, customer threads, line items, drafts
 * and imported threads are not. Without a `send_email` binding or the mail queue the reply
 * is recorded as not sent, with the reason, instead of being queued.
 */
import type { MailStatus } from "../../../lib/vocabulary";
import type { Services } from "../../../services";

export interface MailState {
  mailStatus: MailStatus;
  mailError: string | null;
}

export const NO_BINDING =
  "Not sent: no send_email binding named EMAIL is configured (wrangler.toml [[send_email]], see README Deploy)";
export const NO_QUEUE =
  "Not sent: no outgoing mail queue is bound (wrangler.toml [[queues.producers]] MAIL_QUEUE, see README Deploy)";

/** Whether a thread is emailed to the customer when it is written. */
export function sendsMail(thread: { type: string; state?: string; imported?: boolean }): boolean {
  return thread.type === "message" && (thread.state ?? "published") === "published" && !thread.imported;
}

/** The mail columns of a new thread: null for a thread that sends nothing. */
export function replyMailState(
  services: Pick<Services, "mailer" | "queues">,
  thread: { type: string; state?: string; imported?: boolean },
): MailState | null {
  if (!sendsMail(thread)) return null;
  if (!services.mailer) return { mailStatus: "not_sent", mailError: NO_BINDING };
  if (!services.queues.mail) return { mailStatus: "not_sent", mailError: NO_QUEUE };
  return { mailStatus: "queued", mailError: null };
}

/** Whether a new conversation from a customer's email may get the mailbox's auto-reply (checked again when sent). */
export function wantsAutoReply(
  mailbox: { autoReplyEnabled: boolean },
  thread: { type: string; email?: { quiet: boolean } },
): boolean {
  return mailbox.autoReplyEnabled && thread.type === "customer" && !!thread.email && !thread.email.quiet;
}

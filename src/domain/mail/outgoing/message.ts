/**
 * What an entry point puts on the outgoing-mail queue after a write commits: which email to
 * send, named by ids only (the consumer reads everything else when it sends, so an edit or a
 * deletion in between is seen).
 */
export type OutgoingMail =
  /** An agent's published reply (a `message` thread): to the customer, cc and bcc. */
  | { kind: "reply"; conversationId: number; threadId: number }
  /** The mailbox's auto-reply to a new conversation from a customer by email; `threadId` is the customer's thread. */
  | { kind: "auto_reply"; conversationId: number; threadId: number };

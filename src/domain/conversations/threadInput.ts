/** A new thread as Create Conversation and Create Thread take it, whatever entry point parsed it. */
import type { ConversationStatus, ThreadState } from "../../lib/vocabulary";
import type { AttachmentInput } from "../attachments/store";
import type { CustomerRef } from "../customers/resolution";
import type { EmailThreadSource } from "../mail/threadSource";

export const threadInputTypes = ["customer", "message", "note", "chat", "phone"] as const;
export type ThreadInputType = (typeof threadInputTypes)[number];

export interface ThreadInput {
  type: ThreadInputType;
  text: string;
  /** The author of a customer or chat thread. */
  customer?: CustomerRef;
  /** The author of a message, note or phone thread. */
  user?: number;
  imported?: boolean;
  state?: ThreadState;
  to?: string[];
  cc?: string[];
  bcc?: string[];
  /** Unix seconds; kept only for imported threads. */
  createdAt?: number;
  attachments?: AttachmentInput[];
  /** Set when the thread comes from an incoming email (src/domain/mail/incoming). */
  email?: EmailThreadSource;
}

/** Create Thread: the thread, and the conversation status it sets instead of the default rule. */
export interface AddThreadInput extends ThreadInput {
  conversationId: number;
  status?: ConversationStatus;
}

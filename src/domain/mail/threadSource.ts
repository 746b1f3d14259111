/**
 * What an email adds to a thread written by Create Conversation / Create Thread (the same
 * domain code as the API): the thread is `source.type` email, carries the message's flags,
 * attachments already in R2 (with ids reserved, so the body can link inline images), and the
 * message is recorded in `mail_messages` in the same write batch. The unique (mailbox,
 * Message-ID) index makes a second delivery of the message fail that batch as a whole.
 */
import type { Database } from "../../db/client";
import type { Statement } from "../../db/ids";
import { mailMessages } from "../../db/schema";
import type { MailFlags } from "../../lib/vocabulary";
import type { StoredAttachment } from "../attachments/store";

export interface EmailThreadSource {
  mailboxId: number;
  /** Without angle brackets, lower-cased. */
  messageId: string;
  rawR2Key: string | null;
  flags: MailFlags | null;
  /** Auto-replies, bulk mail and bounces: the conversation's status and state stay as they are. */
  quiet: boolean;
  /** In R2 already, each with its reserved attachment id. */
  attachments: (StoredAttachment & { id: number })[];
  /** The Unix second the message was received. */
  receivedAt: number;
}

/** The `mail_messages` row of the thread, for the write batch that inserts the thread. */
export function emailThreadStatements(
  db: Database,
  source: EmailThreadSource,
  ids: { conversationId: number; threadId: number },
): Statement[] {
  return [
    db.insert(mailMessages).values({
      mailboxId: source.mailboxId,
      messageId: source.messageId,
      direction: "in",
      conversationId: ids.conversationId,
      threadId: ids.threadId,
      rawR2Key: source.rawR2Key,
      createdAt: source.receivedAt,
    }),
  ];
}

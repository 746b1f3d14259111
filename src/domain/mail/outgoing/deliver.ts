/**
 * Sends one queued email (the consumer's work, src/queues/outgoingMail.ts): one read batch,
 * the attachments from R2, one `send()` through the Email Service binding, one write batch
 * recording the outcome. Returns "done" (sent, or settled for good: not sent / failed, each
 * recorded with its reason) or "retry" (a transient failure before the last attempt).
 * A reply is sent only while its thread is "queued", so a message delivered twice by the
 * queue, or a thread settled meanwhile, sends nothing more.
 */
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  attachments,
  autoReplies,
  conversations,
  customers,
  mailboxes,
  mailMessages,
  threads,
  users,
} from "../../../db/schema";
import type { Services } from "../../../services";
import { namedBatch } from "../../batch";
import type { DomainEvent } from "../../webhooks/publish";
import { outgoingMessageId } from "../messageId";
import { buildAutoReply, buildReply } from "./build";
import type { OutgoingMail } from "./message";
import { NO_BINDING } from "./plan";
import { recordAttemptError, recordFailure, recordNotSent, recordSent } from "./status";

export type DeliveryOutcome = "done" | "retry";

type Deps = Pick<Services, "db" | "storage" | "clock" | "config" | "secrets" | "mailer" | "origin">;

/** Earlier messages named in References: enough for any thread, bounded for the header. */
const HISTORY_LIMIT = 50;
/** The Email Service's recipients limit (to, cc and bcc together). */
const MAX_RECIPIENTS = 50;

/** This attempt: whether it is the last, and the events its records caused (convo.mail.failed). */
interface Attempt {
  last: boolean;
  caused: DomainEvent[];
}

export async function deliverMail(
  services: Deps,
  mail: OutgoingMail,
  { last }: { last: boolean },
): Promise<{ outcome: DeliveryOutcome; events: DomainEvent[] }> {
  const attempt: Attempt = { last, caused: [] };
  const outcome =
    mail.kind === "reply"
      ? await deliverReply(services, mail, attempt)
      : await deliverAutoReply(services, mail, attempt);
  return { outcome, events: attempt.caused };
}

/** Errors no retry can mend: the provider refused the message itself. */
export function isPermanent(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /not allowed|not verified|E_[A-Z_]*(INVALID|NOT_ALLOWED|TOO_LONG|TOO_LARGE|TOO_MANY|USE_API_FIELD|NOT_ENTITLED|NOT_VERIFIED|UNVERIFIED)|invalid|could not parse/i.test(
    text,
  );
}

const reasonOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 500) || "unknown error";

const historyOf = (services: Deps, conversationId: number) =>
  services.db
    .select({ messageId: mailMessages.messageId })
    .from(mailMessages)
    .where(eq(mailMessages.conversationId, conversationId))
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(HISTORY_LIMIT);

async function deliverReply(
  services: Deps,
  mail: Extract<OutgoingMail, { kind: "reply" }>,
  attempt: Attempt,
): Promise<DeliveryOutcome> {
  const { db } = services;
  const author = alias(users, "author");
  const earlier = alias(threads, "earlier");
  const reads = await namedBatch(db, {
    thread: db
      .select({
        id: threads.id,
        body: threads.body,
        to: threads.to,
        cc: threads.cc,
        bcc: threads.bcc,
        mailStatus: threads.mailStatus,
        createdAt: threads.createdAt,
        authorFirst: author.firstName,
        authorLast: author.lastName,
        state: conversations.state,
        subject: conversations.subject,
        mailboxId: conversations.mailboxId,
        mailboxEmail: mailboxes.email,
        mailboxName: mailboxes.name,
        fromName: mailboxes.fromName,
        signature: mailboxes.signature,
      })
      .from(threads)
      .innerJoin(conversations, eq(conversations.id, threads.conversationId))
      .innerJoin(mailboxes, eq(mailboxes.id, conversations.mailboxId))
      .leftJoin(author, eq(author.id, threads.createdByUserId))
      .where(and(eq(threads.id, mail.threadId), eq(threads.conversationId, mail.conversationId))),
    // The message answered: the newest earlier published customer message or reply.
    previous: db
      .select({
        body: earlier.body,
        createdAt: earlier.createdAt,
        userFirst: users.firstName,
        userLast: users.lastName,
        customerFirst: customers.firstName,
        customerLast: customers.lastName,
      })
      .from(earlier)
      .leftJoin(users, eq(users.id, earlier.createdByUserId))
      .leftJoin(customers, eq(customers.id, earlier.createdByCustomerId))
      .where(
        and(
          eq(earlier.conversationId, mail.conversationId),
          lt(earlier.id, mail.threadId),
          inArray(earlier.type, ["customer", "message"]),
          eq(earlier.state, "published"),
        ),
      )
      .orderBy(desc(earlier.createdAt), desc(earlier.id))
      .limit(1),
    files: db
      .select({ fileName: attachments.fileName, mimeType: attachments.mimeType, r2Key: attachments.r2Key })
      .from(attachments)
      .where(eq(attachments.threadId, mail.threadId))
      .orderBy(asc(attachments.id)),
    history: historyOf(services, mail.conversationId),
  });
  const row = reads.thread[0];
  // Deleted for good (the thread went with its conversation): nothing to send or record.
  if (!row) return "done";
  if (row.mailStatus !== "queued") return "done";
  if (row.state === "deleted") {
    await recordNotSent(services, mail, "Not sent: the conversation was deleted before the email went out");
    return "done";
  }
  if (!services.mailer) {
    await recordNotSent(services, mail, NO_BINDING);
    return "done";
  }
  const recipients = [...row.to, ...row.cc, ...row.bcc];
  if (row.to.length === 0) {
    await recordNotSent(services, mail, "Not sent: the reply has no recipient (the customer has no email address)");
    return "done";
  }
  if (recipients.length > MAX_RECIPIENTS) {
    attempt.caused.push(
      ...(await recordFailure(
        services,
        mail,
        `${recipients.length} recipients; at most ${MAX_RECIPIENTS} can be emailed`,
      )),
    );
    return "done";
  }

  let files: EmailAttachment[];
  try {
    files = await readAttachments(services, reads.files);
  } catch (error) {
    attempt.caused.push(...(await recordFailure(services, mail, reasonOf(error), row.to)));
    return "done";
  }
  const previous = reads.previous[0];
  const mailboxName = row.fromName?.trim() || row.mailboxName;
  const message = buildReply({
    mailbox: { email: row.mailboxEmail, mailboxName, signature: row.signature },
    author: { firstName: row.authorFirst, lastName: row.authorLast },
    subject: row.subject,
    first: !previous,
    body: row.body ?? "",
    to: row.to,
    cc: row.cc,
    bcc: row.bcc,
    previous: previous
      ? {
          body: previous.body ?? "",
          createdAt: previous.createdAt,
          author: [previous.userFirst ?? previous.customerFirst, previous.userLast ?? previous.customerLast]
            .filter(Boolean)
            .join(" "),
        }
      : null,
    history: reads.history.map((h) => h.messageId).reverse(),
    ownId: await outgoingMessageId(services.secrets.attachmentSigning, mail, row.mailboxEmail),
    attachments: files,
  });
  return send(services, mail, message, { mailboxId: row.mailboxId, recipients: row.to, attempt });
}

async function deliverAutoReply(
  services: Deps,
  mail: Extract<OutgoingMail, { kind: "auto_reply" }>,
  attempt: Attempt,
): Promise<DeliveryOutcome> {
  const { db } = services;
  const reads = await namedBatch(db, {
    conversation: db
      .select({
        state: conversations.state,
        subject: conversations.subject,
        customerEmail: conversations.customerEmail,
        mailboxId: conversations.mailboxId,
        mailboxEmail: mailboxes.email,
        mailboxName: mailboxes.name,
        fromName: mailboxes.fromName,
        enabled: mailboxes.autoReplyEnabled,
        autoReplySubject: mailboxes.autoReplySubject,
        autoReplyBody: mailboxes.autoReplyBody,
        threadType: threads.type,
        flags: threads.mailFlags,
      })
      .from(conversations)
      .innerJoin(mailboxes, eq(mailboxes.id, conversations.mailboxId))
      .innerJoin(threads, and(eq(threads.id, mail.threadId), eq(threads.conversationId, conversations.id)))
      .where(eq(conversations.id, mail.conversationId)),
    history: historyOf(services, mail.conversationId),
  });
  const row = reads.conversation[0];
  const to = row?.customerEmail?.trim().toLowerCase();
  // Loop guards, checked again now: the setting, the message's own flags, a deleted conversation.
  if (!row || !to || !row.enabled || row.state === "deleted" || row.threadType !== "customer") return "done";
  if (row.flags?.autoSubmitted || row.flags?.bulk || row.flags?.bounce) return "done";
  if (to === row.mailboxEmail.toLowerCase()) return "done";
  if (!services.mailer) {
    console.warn(`auto-reply to ${to} not sent: ${NO_BINDING}`);
    return "done";
  }
  // The claim: one auto-reply per (mailbox, customer) within the window; a retry of this one may go on.
  const now = services.clock.seconds();
  const cutoff = now - services.config.autoReplyWindowSeconds;
  const claimed = await db
    .insert(autoReplies)
    .values({ mailboxId: row.mailboxId, customerEmail: to, sentAt: now, conversationId: mail.conversationId })
    .onConflictDoUpdate({
      target: [autoReplies.mailboxId, autoReplies.customerEmail],
      set: { sentAt: now, conversationId: mail.conversationId },
      setWhere: sql`${autoReplies.sentAt} <= ${cutoff} OR ${autoReplies.conversationId} = ${mail.conversationId}`,
    })
    .returning({ mailboxId: autoReplies.mailboxId });
  if (claimed.length === 0) return "done";
  const message = buildAutoReply({
    mailbox: { email: row.mailboxEmail, mailboxName: row.fromName?.trim() || row.mailboxName },
    to,
    subject: row.subject,
    autoReplySubject: row.autoReplySubject,
    autoReplyBody: row.autoReplyBody,
    history: reads.history.map((h) => h.messageId).reverse(),
    ownId: await outgoingMessageId(services.secrets.attachmentSigning, mail, row.mailboxEmail),
  });
  return send(services, mail, message, { mailboxId: row.mailboxId, recipients: [to], attempt });
}

async function send(
  services: Deps,
  mail: OutgoingMail,
  message: EmailMessageBuilder,
  context: { mailboxId: number; recipients: string[]; attempt: Attempt },
): Promise<DeliveryOutcome> {
  let providerId: string;
  try {
    const result = await services.mailer!.send(message);
    providerId = result.messageId;
  } catch (error) {
    const reason = reasonOf(error);
    const { last, caused } = context.attempt;
    if (isPermanent(error) || last) {
      caused.push(...(await recordFailure(services, mail, reason, context.recipients)));
      return last && !isPermanent(error) ? "retry" : "done";
    }
    await recordAttemptError(services, mail, `Attempt failed, will retry: ${reason}`);
    return "retry";
  }
  await recordSent(services, mail, { mailboxId: context.mailboxId, providerId });
  const from = typeof message.from === "string" ? message.from : `${message.from.name} <${message.from.email}>`;
  console.log(
    `mail sent (${mail.kind}, conversation ${mail.conversationId}, thread ${mail.threadId}): from ${from} to ${context.recipients.join(", ")}, "${message.subject}", provider id ${providerId}`,
  );
  return "done";
}

/** The thread's files from R2, as the binding takes them (it takes whole contents, not streams). */
async function readAttachments(
  services: Pick<Services, "storage" | "config">,
  files: { fileName: string; mimeType: string; r2Key: string }[],
): Promise<EmailAttachment[]> {
  let total = 0;
  const out: EmailAttachment[] = [];
  for (const file of files) {
    const object = await services.storage.get(file.r2Key);
    if (!object) throw new Error(`attachment ${file.fileName} is missing from storage`);
    total += object.size;
    if (total > services.config.maxEmailBytes) {
      throw new Error(`attachments exceed the ${services.config.maxEmailBytes}-byte email limit`);
    }
    out.push({
      disposition: "attachment",
      filename: file.fileName,
      type: file.mimeType || "application/octet-stream",
      content: await object.arrayBuffer(),
    });
  }
  return out;
}

/**
 * One incoming email, from raw bytes to a conversation or a thread:
 *
 *   size check -> parse (postal-mime) -> one read batch: the mailbox of each recipient, the
 *   stored Message-IDs the message refers to (and its own, for duplicates), attachment id
 *   reservations -> raw message and attachments into R2 -> Create Conversation or Create
 *   Thread (the API's code) with the email as the thread's source, `mail_messages` row in
 *   its write batch.
 *
 * Routing: the envelope recipient, then To, Cc and Delivered-To, each by its primary address
 * or an alias, `+tag` ignored. Threading: In-Reply-To and References against the Message-IDs
 * of `mail_messages`, then our own Message-IDs by their mac (domain/mail/messageId.ts), else a
 * new conversation. A bounce of one of our messages marks that thread `bounced`.
 */
import { eq } from "drizzle-orm";
import { reservedRange, reserveIds } from "../../../db/ids";
import { conversations, mailboxAliases, mailboxes, mailMessages, threads } from "../../../db/schema";
import { inIds, inTexts, isUniqueViolation } from "../../../db/sql";
import { randomToken } from "../../../lib/crypto";
import { ApiError } from "../../../lib/errors";
import type { DroppedAttachment, MailFlags } from "../../../lib/vocabulary";
import type { Services } from "../../../services";
import { sanitizeFileName, sanitizeMimeType } from "../../attachments/fileName";
import { hourOf, newAttachmentKey } from "../../attachments/keys";
import { deleteAttachmentObjects, type StoredAttachment } from "../../attachments/store";
import { attachmentUrls } from "../../attachments/tokens";
import { namedBatch } from "../../batch";
import { addThread } from "../../conversations/addThread";
import { createConversation } from "../../conversations/create";
import type { ThreadInput } from "../../conversations/threadInput";
import type { DomainEvent } from "../../webhooks/publish";
import { parseOutgoingMessageId } from "../messageId";
import type { OutgoingMail } from "../outgoing/message";
import { escapeHtml, sanitizeHtml, textToHtml } from "../sanitize";
import type { EmailThreadSource } from "../threadSource";
import { type ParsedMail, parseMail } from "./parse";
import { isForward, stripQuotedHtml, stripQuotedText } from "./quotes";

export const RAW_MAIL_PREFIX = "mail/raw/";

export interface IncomingEmail {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipient (RCPT TO). */
  to: string;
  raw: Uint8Array;
}

export type ReceiveResult =
  | { outcome: "rejected"; reason: string; events: DomainEvent[] }
  | { outcome: "ignored"; reason: string; events: DomainEvent[] }
  | { outcome: "duplicate"; events: DomainEvent[] }
  | { outcome: "bounce"; conversationId: number; threadId: number; events: DomainEvent[] }
  | {
      outcome: "created" | "replied";
      conversationId: number;
      threadId: number;
      events: DomainEvent[];
      /** The auto-reply to send after commit, if the mailbox has one (src/domain/mail/outgoing). */
      mail?: OutgoingMail[];
    };

type Deps = Pick<Services, "db" | "storage" | "config" | "clock" | "origin" | "secrets" | "mailer" | "queues">;

/** `Local+tag@Example.com` -> `local@example.com`. */
export function baseAddress(address: string): string {
  const lower = address.trim().toLowerCase().replace(/^<|>$/g, "");
  const at = lower.lastIndexOf("@");
  if (at < 1) return lower;
  const local = lower.slice(0, at);
  const plus = local.indexOf("+");
  return `${plus > 0 ? local.slice(0, plus) : local}@${lower.slice(at + 1)}`;
}

const ATTACHMENT_PATH_PREFIX = "/storage/attachment/";
const MAX_SUBJECT = 998;

export async function receiveEmail(services: Deps, input: IncomingEmail): Promise<ReceiveResult> {
  const { db, config, clock, secrets } = services;
  if (input.raw.byteLength > config.maxEmailBytes) {
    return rejected(`Message too large: ${input.raw.byteLength} bytes, the limit is ${config.maxEmailBytes}`);
  }
  let mail: ParsedMail;
  try {
    mail = await parseMail(input.raw);
  } catch (error) {
    return rejected(`Malformed message: ${error instanceof Error ? error.message : "cannot be parsed"}`);
  }

  const recipients = [
    ...new Set([input.to, ...mail.to, ...mail.cc, ...mail.deliveredTo].filter(Boolean).map(baseAddress)),
  ];
  const sender = mail.from?.address ?? (input.from ? input.from.toLowerCase() : "");
  const addresses = [...new Set([...recipients, baseAddress(sender)])];
  const lookedUp = [...new Set([mail.messageId, ...mail.threadIds, ...mail.bouncedIds])];
  const ours = (
    await Promise.all(
      [...mail.threadIds, ...mail.bouncedIds].map(async (id) => parseOutgoingMessageId(secrets.attachmentSigning, id)),
    )
  ).filter((parsed) => parsed !== null);
  const kept = keptAttachments(mail, config);
  // Inline images are linked from the body by attachment id, so the ids are taken before the write.
  const reservation = reserveIds(db, "attachments", Math.max(kept.files.length, 1));

  const reads = await namedBatch(db, {
    primary: db
      .select({ id: mailboxes.id, email: mailboxes.email, aliases: mailboxes.aliases })
      .from(mailboxes)
      .where(inTexts(mailboxes.email, addresses)),
    alias: db
      .select({ id: mailboxes.id, email: mailboxes.email, aliases: mailboxes.aliases, address: mailboxAliases.address })
      .from(mailboxAliases)
      .innerJoin(mailboxes, eq(mailboxes.id, mailboxAliases.mailboxId))
      .where(inTexts(mailboxAliases.address, addresses)),
    known: db
      .select({
        messageId: mailMessages.messageId,
        mailboxId: mailMessages.mailboxId,
        direction: mailMessages.direction,
        conversationId: mailMessages.conversationId,
        threadId: mailMessages.threadId,
      })
      .from(mailMessages)
      .where(inTexts(mailMessages.messageId, lookedUp)),
    oursFound: db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        inIds(
          conversations.id,
          ours.map((o) => o.conversationId),
        ),
      ),
    reserve: reservation[0],
    attachmentIds: reservation[1],
  });

  const mailboxByAddress = new Map<string, { id: number; email: string; aliases: string[] }>();
  for (const row of reads.primary) mailboxByAddress.set(row.email, row);
  for (const row of reads.alias) mailboxByAddress.set(row.address, row);
  const recipient = recipients.find((address) => mailboxByAddress.has(address));
  if (!recipient) return rejected(`No mailbox here for ${input.to || recipients[0] || "this address"}`);
  const mailbox = mailboxByAddress.get(recipient)!;
  if (!sender) return rejected("The message has no sender address");
  if (mailboxByAddress.has(baseAddress(sender))) {
    return { outcome: "ignored", reason: `Sent by one of our own mailboxes (${sender}): not taken in`, events: [] };
  }
  if (
    reads.known.some(
      (row) => row.mailboxId === mailbox.id && row.messageId === mail.messageId && row.direction === "in",
    )
  ) {
    return { outcome: "duplicate", events: [] };
  }

  const now = clock.seconds();
  const rawR2Key = `${RAW_MAIL_PREFIX}${hourOf(clock.millis())}/${randomToken(16)}.eml`;
  await services.storage.put(rawR2Key, input.raw, { httpMetadata: { contentType: "message/rfc822" } });
  const written: string[] = [rawR2Key];
  try {
    if (mail.flags.bounce) {
      const bounced = findBounced(mail, reads.known, ours, reads.oursFound);
      if (bounced) return await recordBounce(services, mail, mailbox.id, bounced, rawR2Key, now);
    }
    const files = await storeFiles(
      services,
      kept.files,
      reservedRange(reads.attachmentIds, Math.max(kept.files.length, 1)),
    );
    written.push(...files.map((file) => file.r2Key));
    const body = await bodyOf(services, mail, files);
    const flags: MailFlags = { ...mail.flags, ...(kept.dropped.length && { dropped: kept.dropped }) };
    const source: EmailThreadSource = {
      mailboxId: mailbox.id,
      messageId: mail.messageId,
      rawR2Key,
      flags: Object.keys(flags).length ? flags : null,
      quiet: !!(mail.flags.autoSubmitted || mail.flags.bulk || mail.flags.bounce),
      attachments: files.map(({ contentId: _, ...file }) => file),
      receivedAt: now,
    };
    const ourAddresses = new Set([...mailboxByAddress.keys(), mailbox.email, ...mailbox.aliases]);
    const cc = [...new Set([...mail.to, ...mail.cc])].filter((a) => !ourAddresses.has(baseAddress(a)) && a !== sender);
    const thread: ThreadInput = {
      type: "customer",
      text: body,
      customer: { email: sender, ...splitName(mail.from?.name ?? "") },
      to: [mailbox.email],
      cc,
      email: source,
    };
    const conversationId = findConversation(mail, reads.known, ours, reads.oursFound);
    if (conversationId !== null) {
      try {
        const added = await addThread(services, { ...thread, conversationId });
        return { outcome: "replied", conversationId, threadId: added.id, events: added.events, mail: added.mail };
      } catch (error) {
        // Deleted since it was read: the reply starts a new conversation.
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    }
    const created = await createConversation(services, {
      type: "email",
      mailboxId: mailbox.id,
      subject: [...mail.subject].slice(0, MAX_SUBJECT).join(""),
      customer: thread.customer!,
      threads: [thread],
    });
    const threadId = created.conversation._embedded.threads[0]?.id ?? 0;
    return { outcome: "created", conversationId: created.id, threadId, events: created.events, mail: created.mail };
  } catch (error) {
    await deleteAttachmentObjects(services, written);
    // The same message delivered twice at once: the other delivery stored it.
    if (isUniqueViolation(error)) return { outcome: "duplicate", events: [] };
    throw error;
  }
}

const rejected = (reason: string): ReceiveResult => ({ outcome: "rejected", reason, events: [] });

function splitName(name: string): { firstName?: string; lastName?: string } {
  const clean = name.replace(/^["']|["']$/g, "").trim();
  if (!clean || clean.includes("@")) return {};
  const comma = /^([^,]+),\s*(.+)$/.exec(clean);
  if (comma) return { firstName: comma[2]!.slice(0, 100), lastName: comma[1]!.slice(0, 100) };
  const space = clean.indexOf(" ");
  if (space < 0) return { firstName: clean.slice(0, 100) };
  return {
    firstName: clean.slice(0, space).slice(0, 100),
    lastName: clean
      .slice(space + 1)
      .trim()
      .slice(0, 100),
  };
}

type KnownRow = {
  messageId: string;
  mailboxId: number;
  direction: "in" | "out";
  conversationId: number;
  threadId: number | null;
};
type Ours = { conversationId: number; threadId: number };

/** The conversation of the first referenced message we know: In-Reply-To, then References newest first. */
function findConversation(
  mail: ParsedMail,
  known: KnownRow[],
  ours: Ours[],
  oursFound: { id: number }[],
): number | null {
  const existing = new Set(oursFound.map((row) => row.id));
  for (const id of mail.threadIds) {
    const row = known.find((k) => k.messageId === id);
    if (row) return row.conversationId;
  }
  return ours.find((o) => existing.has(o.conversationId))?.conversationId ?? null;
}

/** Our outgoing message a bounce reports on. */
function findBounced(mail: ParsedMail, known: KnownRow[], ours: Ours[], oursFound: { id: number }[]): Ours | null {
  for (const id of [...mail.bouncedIds, ...mail.threadIds]) {
    const row = known.find((k) => k.messageId === id && k.direction === "out" && k.threadId !== null);
    if (row) return { conversationId: row.conversationId, threadId: row.threadId! };
  }
  const existing = new Set(oursFound.map((row) => row.id));
  return ours.find((o) => existing.has(o.conversationId)) ?? null;
}

/** The bounced thread gets `mail_status` bounced and the reason; the bounce itself is kept as a message, not a thread. */
async function recordBounce(
  services: Deps,
  mail: ParsedMail,
  mailboxId: number,
  bounced: Ours,
  rawR2Key: string,
  now: number,
): Promise<ReceiveResult> {
  const { db } = services;
  await namedBatch(db, {
    thread: db
      .update(threads)
      .set({ mailStatus: "bounced", mailError: mail.bounceReason ?? "Delivery failed", updatedAt: now })
      .where(eq(threads.id, bounced.threadId)),
    message: db.insert(mailMessages).values({
      mailboxId,
      messageId: mail.messageId,
      direction: "in",
      conversationId: bounced.conversationId,
      threadId: bounced.threadId,
      rawR2Key,
      createdAt: now,
    }),
  });
  return { outcome: "bounce", ...bounced, events: [] };
}

type MailAttachment = ParsedMail["attachments"][number];

/** The attachments within the API's limits (each, and all of the message); the others are recorded as dropped. */
function keptAttachments(mail: ParsedMail, config: Deps["config"]) {
  let remaining = config.maxAttachmentsBytesPerRequest;
  const files: MailAttachment[] = [];
  const dropped: DroppedAttachment[] = [];
  for (const attachment of mail.attachments) {
    const size = byteLength(attachment.content);
    const fileName = sanitizeFileName(attachment.filename ?? defaultName(attachment));
    const mimeType = sanitizeMimeType(attachment.mimeType) ?? "application/octet-stream";
    if (size > config.maxAttachmentBytes) {
      dropped.push({
        fileName,
        mimeType,
        size,
        reason: `Over the limit of ${config.maxAttachmentBytes} bytes per attachment`,
      });
    } else if (size > remaining) {
      dropped.push({
        fileName,
        mimeType,
        size,
        reason: `Over the limit of ${config.maxAttachmentsBytesPerRequest} bytes of attachments per message`,
      });
    } else {
      remaining -= size;
      files.push(attachment);
    }
  }
  return { files, dropped };
}

const byteLength = (content: MailAttachment["content"]) =>
  typeof content === "string" ? new TextEncoder().encode(content).byteLength : content.byteLength;

function defaultName(attachment: MailAttachment) {
  if (attachment.mimeType === "message/rfc822") return "forwarded-message.eml";
  const extension = attachment.mimeType.split("/")[1]?.replace(/[^a-z0-9]/gi, "") || "bin";
  return `attachment.${extension}`;
}

async function storeFiles(services: Deps, files: MailAttachment[], ids: number[]) {
  const stored: (StoredAttachment & { id: number; contentId?: string })[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const fileName = sanitizeFileName(file.filename ?? defaultName(file));
      const mimeType = sanitizeMimeType(file.mimeType) ?? "application/octet-stream";
      const r2Key = newAttachmentKey(services.clock.millis());
      const bytes = typeof file.content === "string" ? new TextEncoder().encode(file.content) : file.content;
      await services.storage.put(r2Key, bytes, {
        httpMetadata: { contentType: mimeType },
        customMetadata: { fileName },
      });
      stored.push({
        id: ids[index]!,
        r2Key,
        fileName,
        mimeType,
        size: byteLength(file.content),
        ...(file.contentId && { contentId: file.contentId.replace(/^<|>$/g, "").trim().toLowerCase() }),
      });
    }
    return stored;
  } catch (error) {
    await deleteAttachmentObjects(
      services,
      stored.map((file) => file.r2Key),
    );
    throw error;
  }
}

/** The new part of the message as safe HTML, inline images pointing at our attachment links. */
async function bodyOf(
  services: Deps,
  mail: ParsedMail,
  files: (StoredAttachment & { id: number; contentId?: string })[],
) {
  const forward = isForward(mail.subject);
  let html: string;
  if (mail.html?.trim()) html = forward ? mail.html : await stripQuotedHtml(mail.html);
  else html = textToHtml(forward ? (mail.text ?? "") : stripQuotedText(mail.text ?? ""));
  const inline = files.filter((file) => file.contentId);
  if (inline.length) {
    const urls = await attachmentUrls(services, inline);
    const byCid = new Map(inline.map((file, index) => [file.contentId!, urls[index]!]));
    html = html.replace(/cid:([^"'\s>)]+)/gi, (match, cid: string) => {
      const url = byCid.get(safeDecode(cid).toLowerCase());
      return url ? escapeHtml(url) : match;
    });
  }
  return sanitizeHtml(html, { imagePrefixes: [`${services.origin}${ATTACHMENT_PATH_PREFIX}`] });
}

function safeDecode(value: string) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The email of a reply or an auto-reply, as the Email Service `send_email` binding takes it
 * (a pure function of what the consumer read). The provider sets Message-ID itself (it may
 * not be given), so our own id of the thread (src/domain/mail/messageId.ts) travels in
 * References: a customer's reply carries it back and finds the conversation even where our
 * record of the provider's id is gone. In-Reply-To names the message answered.
 */
import { previewOf } from "../../conversations/threadRules";

export interface Sender {
  email: string;
  /** The mailbox's from-name, or its name. */
  mailboxName: string;
}

export interface ReplyParts {
  mailbox: Sender & { signature: string | null };
  author: { firstName: string | null; lastName: string | null } | null;
  subject: string;
  /** True when the reply is the conversation's first message (no "Re:"). */
  first: boolean;
  body: string;
  to: string[];
  cc: string[];
  bcc: string[];
  /** The message this one answers, quoted below the reply. */
  previous: { body: string; author: string; createdAt: number } | null;
  /** Ids (without angle brackets) of the conversation's earlier messages, oldest first. */
  history: string[];
  /** Our own id of this thread, without angle brackets. */
  ownId: string;
  attachments: EmailAttachment[];
}

/** The Email Service takes header values up to 2,048 bytes. */
const MAX_HEADER_BYTES = 2000;

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A Message-ID fit for a header: no brackets, spaces or line breaks inside. */
const headerSafe = (id: string) => /^[^\s<>"]+@[^\s<>"]+$/.test(id);

/** `Re: subject`, unless it already says so. */
export function replySubject(subject: string, first: boolean): string {
  const clean = subject.replace(/[\r\n]+/g, " ").trim() || "(no subject)";
  if (first || /^re:/i.test(clean)) return clean;
  return `Re: ${clean}`;
}

/** "Anna via Support": the agent's first name (or full name) and the mailbox. */
export function fromName(author: ReplyParts["author"], mailboxName: string): string {
  const name = (author?.firstName?.trim() || author?.lastName?.trim() || "").replace(/[\r\n"]/g, "");
  return name ? `${name} via ${mailboxName}` : mailboxName;
}

/**
 * In-Reply-To and References: the newest earlier message answered, the thread's history
 * (the first and the newest kept when it is too long for the header), our own id last.
 */
export function threadingHeaders(history: string[], ownId: string): Record<string, string> {
  const ids = history.filter(headerSafe);
  const headers: Record<string, string> = {};
  const last = ids[ids.length - 1];
  if (last) headers["In-Reply-To"] = `<${last}>`;
  const refs = [...ids, ownId].map((id) => `<${id}>`);
  while (refs.length > 2 && new TextEncoder().encode(refs.join(" ")).byteLength > MAX_HEADER_BYTES) refs.splice(1, 1);
  headers.References = refs.join(" ");
  return headers;
}

/** A plain-text rendering of a message's HTML. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|blockquote|tr)>/gi, "\n")
    .replace(/<li[^>]*>/gi, "- ")
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, text: string) =>
      text.trim() && text.trim() !== href ? `${text} (${href})` : href,
    )
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The signature with FreeScout's placeholders for the agent and the mailbox filled in. */
export function fillSignature(signature: string, author: ReplyParts["author"], mailbox: Sender): string {
  const values: Record<string, string> = {
    "user.firstName": author?.firstName ?? "",
    "user.lastName": author?.lastName ?? "",
    "user.fullName": `${author?.firstName ?? ""} ${author?.lastName ?? ""}`.trim(),
    "mailbox.name": mailbox.mailboxName,
    "mailbox.email": mailbox.email,
  };
  return signature.replace(/\{%([a-zA-Z.]+)%\}/g, (match, key: string) =>
    key in values ? escapeHtml(values[key]!) : match,
  );
}

const quoteDate = (seconds: number) => new Date(seconds * 1000).toUTCString().replace(/ GMT$/, " UTC");

/** The reply: HTML (reply, signature, quoted previous message) and its text alternative. */
export function buildReply(parts: ReplyParts): EmailMessageBuilder {
  const signature = parts.mailbox.signature ? fillSignature(parts.mailbox.signature, parts.author, parts.mailbox) : "";
  const quoteHead = parts.previous
    ? `On ${quoteDate(parts.previous.createdAt)}, ${parts.previous.author || "you"} wrote:`
    : "";
  const html = [
    `<div class="fs-reply">${parts.body}</div>`,
    signature ? `<div class="fs-signature">${signature}</div>` : "",
    parts.previous
      ? `<div class="fs-quote"><p>${escapeHtml(quoteHead)}</p><blockquote type="cite">${parts.previous.body}</blockquote></div>`
      : "",
  ]
    .filter(Boolean)
    .join("\n");
  const text = [
    htmlToText(parts.body),
    signature ? `--\n${htmlToText(signature)}` : "",
    parts.previous
      ? `${quoteHead}\n${htmlToText(parts.previous.body)
          .split("\n")
          .map((line) => `> ${line}`)
          .join("\n")}`
      : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  return {
    from: { email: parts.mailbox.email, name: fromName(parts.author, parts.mailbox.mailboxName) },
    to: parts.to,
    ...(parts.cc.length && { cc: parts.cc }),
    ...(parts.bcc.length && { bcc: parts.bcc }),
    subject: replySubject(parts.subject, parts.first),
    html,
    text,
    headers: threadingHeaders(parts.history, parts.ownId),
    ...(parts.attachments.length && { attachments: parts.attachments }),
  } as EmailMessageBuilder;
}

export interface AutoReplyParts {
  mailbox: Sender;
  to: string;
  subject: string;
  /** The mailbox's auto-reply subject and body (HTML); defaults when unset. */
  autoReplySubject: string | null;
  autoReplyBody: string | null;
  history: string[];
  ownId: string;
}

export const DEFAULT_AUTO_REPLY_BODY =
  "<p>Thank you for your message. We have received it and will get back to you as soon as possible.</p>";

/** The auto-reply: marked Auto-Submitted: auto-replied so other robots do not answer it. */
export function buildAutoReply(parts: AutoReplyParts): EmailMessageBuilder {
  const body = parts.autoReplyBody?.trim() ? parts.autoReplyBody : DEFAULT_AUTO_REPLY_BODY;
  const subject = parts.autoReplySubject?.trim()
    ? parts.autoReplySubject.replace(/[\r\n]+/g, " ").trim()
    : replySubject(parts.subject, false);
  return {
    from: { email: parts.mailbox.email, name: parts.mailbox.mailboxName },
    to: parts.to,
    subject,
    html: body,
    text: htmlToText(body) || previewOf(body),
    headers: { ...threadingHeaders(parts.history, parts.ownId), "Auto-Submitted": "auto-replied" },
  };
}

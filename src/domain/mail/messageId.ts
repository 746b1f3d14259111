/**
 * Message-IDs of our outgoing messages (mail design): `fs.{conversationId}.{threadId}.{mac}@{domain}`,
 * `mac` the first 12 hex characters of HMAC-SHA256(ATTACHMENT_SIGNING_SECRET,
 * "message-id:{conversationId}.{threadId}"). A reply finds its conversation from this id alone,
 * even when the client dropped References or our mail_messages row is gone; the mac keeps a
 * sender from pointing a message at a conversation by guessing ids.
 */
import { timingSafeEqualStrings } from "../../lib/crypto";

const encoder = new TextEncoder();
const MAC_CHARS = 12;

async function mac(secret: string, conversationId: number, threadId: number): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(`message-id:${conversationId}.${threadId}`));
  return [...new Uint8Array(signature)]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, MAC_CHARS);
}

/** The domain part of a mailbox address (`support@help.example.com` -> `help.example.com`). */
export const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).toLowerCase();

/** Our Message-ID for a thread, without angle brackets (as `mail_messages.message_id` stores it). */
export async function outgoingMessageId(
  secret: string,
  ids: { conversationId: number; threadId: number },
  mailboxAddress: string,
): Promise<string> {
  return `fs.${ids.conversationId}.${ids.threadId}.${await mac(secret, ids.conversationId, ids.threadId)}@${domainOf(mailboxAddress)}`;
}

const OURS = /^fs\.(\d{1,15})\.(\d{1,15})\.([0-9a-f]{12})@[^@\s]+$/;

/** The conversation and thread of one of our Message-IDs, or null when it is not ours or its mac is wrong. */
export async function parseOutgoingMessageId(
  secret: string,
  messageId: string,
): Promise<{ conversationId: number; threadId: number } | null> {
  const match = OURS.exec(messageId.trim().replace(/^<|>$/g, "").toLowerCase());
  if (!match || !secret) return null;
  const conversationId = Number(match[1]);
  const threadId = Number(match[2]);
  const expected = await mac(secret, conversationId, threadId);
  return timingSafeEqualStrings(expected, match[3]!) ? { conversationId, threadId } : null;
}

/**
 * R2 keys of attachment objects: `attachments/<UTC hour>/<random>`, e.g.
 * `attachments/2026-11-24T10/3f2a...`. The random part makes a key unguessable and never
 * derived from input; the hour lets the orphan sweep list keys in time order and stop at
 * the objects a request may still be writing rows for.
 */
import { randomToken } from "../../lib/crypto";

export const ATTACHMENT_KEY_PREFIX = "attachments/";

/** `2026-11-24T10`: sorts like the time it names. */
export const hourOf = (ms: number) => new Date(ms).toISOString().slice(0, 13);

export const newAttachmentKey = (nowMs: number) => `${ATTACHMENT_KEY_PREFIX}${hourOf(nowMs)}/${randomToken(16)}`;

/** The hour part of a key, or null for a key not made by newAttachmentKey. */
export function hourOfKey(key: string): string | null {
  const match = /^attachments\/(\d{4}-\d{2}-\d{2}T\d{2})\//.exec(key);
  return match ? match[1]! : null;
}

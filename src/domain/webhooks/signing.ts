/**
 * Signatures on webhook deliveries:
 * - `X-FreeScout-Signature`: base64 HMAC-SHA1 of the exact body keyed with WEBHOOK_SECRET (its
 *   UTF-8 bytes), as FreeScout sends it, so receivers written for FreeScout verify it unchanged;
 * - `webhook-signature`: `v1,` + base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`
 *   (Standard Webhooks), so receivers can also reject replays by the timestamp. Keyed with the
 *   webhook's own `whsec_` secret (the bytes it encodes, as Standard Webhooks libraries take it)
 *   when it has one, else with WEBHOOK_SECRET's UTF-8 bytes.
 */
const encoder = new TextEncoder();

async function hmacBase64(hash: "SHA-1" | "SHA-256", secret: string | Uint8Array, data: string) {
  const bytes = typeof secret === "string" ? encoder.encode(secret) : secret;
  const key = await crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data)));
  return btoa(String.fromCharCode(...mac));
}

export const freescoutSignature = (secret: string, body: string) => hmacBase64("SHA-1", secret, body);

/** The key of the Standard Webhooks signature: a `whsec_` secret's bytes, or a plain secret's UTF-8. */
export const standardKey = (secret: string): string | Uint8Array =>
  secret.startsWith("whsec_") ? Uint8Array.from(atob(secret.slice(6)), (c) => c.charCodeAt(0)) : secret;

export async function standardSignature(secret: string, id: string, timestamp: number, body: string) {
  return `v1,${await hmacBase64("SHA-256", standardKey(secret), `${id}.${timestamp}.${body}`)}`;
}

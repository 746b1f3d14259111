/**
 * Signatures on webhook deliveries, keyed with the WEBHOOK_SECRET (its UTF-8 bytes):
 * - `X-FreeScout-Signature`: base64 HMAC-SHA1 of the exact body, as FreeScout sends it, so
 *   receivers written for FreeScout verify it unchanged;
 * - `webhook-signature`: `v1,` + base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`
 *   (Standard Webhooks), so receivers can also reject replays by the timestamp.
 */
const encoder = new TextEncoder();

async function hmacBase64(hash: "SHA-1" | "SHA-256", secret: string, data: string) {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data)));
  return btoa(String.fromCharCode(...mac));
}

export const freescoutSignature = (secret: string, body: string) => hmacBase64("SHA-1", secret, body);

export async function standardSignature(secret: string, id: string, timestamp: number, body: string) {
  return `v1,${await hmacBase64("SHA-256", secret, `${id}.${timestamp}.${body}`)}`;
}

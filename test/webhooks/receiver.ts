/// <reference types="node" />
/** A webhook receiver on the other side of the network (a stubbed fetch) and independent signature checks. */

import { env } from "cloudflare:test";
import { createHmac } from "node:crypto";
import { vi } from "vitest";

export interface Received {
  url: string;
  headers: Headers;
  body: string;
}

/**
 * Stubs fetch for webhook URLs (hooks.example.com): each call gets `answer(n)` (n counts from
 * 0); anything else goes to the real fetch. Returns what was received.
 */
export function stubReceiver(answer: (call: number, body: string) => number = () => 200) {
  const received: Received[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).hostname !== "hooks.example.com") return realFetch(input, init);
    const body = await request.text();
    received.push({ url: request.url, headers: request.headers, body });
    return new Response(null, { status: answer(received.length - 1, body) });
  });
  return received;
}

/** The Standard Webhooks signature as a receiver computes it from a whsec_ secret. */
export const standardSignatureOf = (secret: string, received: Received) => {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const id = received.headers.get("webhook-id");
  const timestamp = received.headers.get("webhook-timestamp");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${received.body}`).digest("base64")}`;
};

/** FreeScout's signature: base64 HMAC-SHA1 of the body with the installation secret. */
export const freescoutSignatureOf = (received: Received) =>
  createHmac("sha1", env.WEBHOOK_SECRET as string)
    .update(received.body)
    .digest("base64");

/** The delivery log rows of a webhook, oldest first. */
export async function deliveryLog(webhookId: number) {
  const { results } = await env.DB.prepare(
    "SELECT delivery_id, event, attempt, status_code, error, dead_lettered, body, redelivered_at FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id",
  )
    .bind(webhookId)
    .all<{
      delivery_id: string;
      event: string;
      attempt: number;
      status_code: number | null;
      error: string | null;
      dead_lettered: number;
      body: string | null;
      redelivered_at: number | null;
    }>();
  return results;
}

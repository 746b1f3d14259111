/// <reference types="node" />
/** The queue consumer against receivers on the other side of the network (a stubbed fetch). */

import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { createHash, createHmac } from "node:crypto";
import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { captureWebhookMessages } from "@test/support/webhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_INLINE_BODY_BYTES, payloadKey, type WebhookMessage } from "../domain/webhooks/message";
import { enqueueEvents } from "../domain/webhooks/publish";
import worker from "../index";

let webhookId = 0;
let webhookSecret = "";
const received: Request[] = [];

/** A receiver answering each request with the next response of the script (the last repeats). */
function receiver(...script: (number | "timeout" | "network" | "redirect")[]) {
  let call = 0;
  return vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    received.push(request.clone());
    const step = script[Math.min(call++, script.length - 1)];
    if (step === "network") throw new TypeError("connection refused");
    if (step === "timeout") {
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)),
      );
    }
    if (step === "redirect")
      return new Response(null, { status: 302, headers: { location: "https://elsewhere.example.net/" } });
    return new Response(step === 204 ? null : "ok", { status: step });
  });
}

const message = (attempts: number, patch: Partial<WebhookMessage> = {}) => ({
  id: crypto.randomUUID(),
  timestamp: Date.now(),
  attempts,
  body: {
    webhookId,
    event: "convo.created",
    deliveryId: "d-1",
    body: '{"id":1}',
    occurredAt: Date.now(),
    ...patch,
  } as WebhookMessage,
});

/** Runs the Worker's queue handler on a batch; reports what it acked and retried (with the delay). */
async function consume(...messages: ReturnType<typeof message>[]) {
  return consumeWith(env, ...messages);
}

async function consumeWith(bindings: Env, ...messages: ReturnType<typeof message>[]) {
  const batch = createMessageBatch<WebhookMessage>("freescout-webhooks", messages);
  const explicitAcks: string[] = [];
  const retryMessages: { deliveryId: string; delaySeconds?: number }[] = [];
  for (const m of batch.messages) {
    const ack = m.ack.bind(m);
    const retry = m.retry.bind(m);
    m.ack = () => {
      explicitAcks.push(m.body.deliveryId);
      ack();
    };
    m.retry = (options) => {
      retryMessages.push({ deliveryId: m.body.deliveryId, delaySeconds: options?.delaySeconds });
      retry(options);
    };
  }
  await worker.queue(batch, bindings, createExecutionContext());
  const state = await getQueueResult(batch, createExecutionContext());
  expect(state.ackAll).toBe(false); // every message is settled on its own
  return { explicitAcks, retryMessages };
}

const log = async () => (await get(`/api/webhooks/${webhookId}/deliveries`)).json._embedded.deliveries;

beforeEach(async () => {
  await resetToDemoData();
  const created = await post("/api/webhooks", {
    url: "https://hooks.example.com/freescout",
    events: ["convo.created"],
  });
  webhookId = created.json.id;
  webhookSecret = created.json.secret;
  received.length = 0;
});
afterEach(() => vi.restoreAllMocks());

describe("webhook delivery", () => {
  it("POSTs the exact body with FreeScout's signature (installation secret) and Standard Webhooks' (the webhook's own), and acks on 2xx", async () => {
    receiver(204);
    const result = await consume(message(1));
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    const request = received[0]!;
    expect(request.url).toBe("https://hooks.example.com/freescout");
    expect(request.method).toBe("POST");
    const body = await request.text();
    expect(body).toBe('{"id":1}');
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.headers.get("x-freescout-event")).toBe("convo.created");
    expect(request.headers.get("x-freescout-delivery")).toBe("d-1");
    // Independent HMACs, as receivers compute them.
    expect(request.headers.get("x-freescout-signature")).toBe(
      createHmac("sha1", "test-webhook-secret").update(body).digest("base64"),
    );
    const timestamp = request.headers.get("webhook-timestamp")!;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(request.headers.get("webhook-id")).toBe("d-1");
    // Standard Webhooks: the key is the bytes the whsec_ secret encodes.
    const ownKey = Buffer.from(webhookSecret.replace(/^whsec_/, ""), "base64");
    expect(ownKey).toHaveLength(32);
    expect(request.headers.get("webhook-signature")).toBe(
      `v1,${createHmac("sha256", ownKey).update(`d-1.${timestamp}.${body}`).digest("base64")}`,
    );
    expect(await log()).toMatchObject([
      { deliveryId: "d-1", event: "convo.created", attempt: 1, statusCode: 204, error: null, deadLettered: false },
    ]);
  });

  it.each([
    ["a 500", 500, /answered 500/],
    ["a timeout", "timeout", /Timed out/],
    ["a network error", "network", /Network error/],
    ["a redirect (never followed)", "redirect", /Redirects are not followed/],
  ] as const)("retries after %s with the configured growing delay", async (_name, step, error) => {
    receiver(step);
    const first = await consume(message(1));
    expect(first.retryMessages).toEqual([expect.objectContaining({ delaySeconds: 30 })]);
    const fourth = await consume(message(4));
    expect(fourth.retryMessages).toEqual([expect.objectContaining({ delaySeconds: 300 })]);
    expect(received.every((r) => r.url === "https://hooks.example.com/freescout")).toBe(true);
    expect((await log())[0].error).toMatch(error);
  });

  it("succeeds after failures, and dead-letters after the 10th attempt", async () => {
    receiver(500, 500, 200);
    for (const attempt of [1, 2]) expect((await consume(message(attempt))).retryMessages).toHaveLength(1);
    expect((await consume(message(3))).explicitAcks).toHaveLength(1);
    vi.restoreAllMocks();
    receiver(503);
    const last = await consume(message(10, { deliveryId: "d-2" }));
    expect(last.retryMessages).toHaveLength(1); // the platform moves it to the dead-letter queue
    const entries = await log();
    expect(entries[0]).toMatchObject({ deliveryId: "d-2", attempt: 10, deadLettered: true, statusCode: 503 });
    expect(
      entries.filter((e: { deliveryId: string }) => e.deliveryId === "d-1").map((e: { attempt: number }) => e.attempt),
    ).toEqual([3, 2, 1]);
  });

  it("drops pending deliveries of a deleted webhook without sending them", async () => {
    const spy = receiver(200);
    await (await import("@test/support/api")).del(`/api/webhooks/${webhookId}`);
    const result = await consume(message(1));
    expect(result.explicitAcks).toHaveLength(1);
    expect(spy).not.toHaveBeenCalled();
  });

  it("refuses to deliver to a private address (checked again at delivery)", async () => {
    const spy = receiver(200);
    await env.DB.prepare("UPDATE webhooks SET url = 'http://10.0.0.5/hook' WHERE id = ?").bind(webhookId).run();
    const result = await consume(message(1));
    expect(spy).not.toHaveBeenCalled();
    expect(result.retryMessages).toHaveLength(1);
    expect((await log())[0].error).toMatch(/URL refused/);
  });

  it("acks and retries each message on its own", async () => {
    let n = 0;
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response(null, { status: n++ % 2 ? 500 : 200 }));
    const result = await consume(
      message(1, { deliveryId: "a" }),
      message(1, { deliveryId: "b" }),
      message(1, { deliveryId: "c" }),
      message(1, { deliveryId: "d" }),
    );
    expect(result.explicitAcks.length + result.retryMessages.length).toBe(4);
    expect(result.explicitAcks).toHaveLength(2);
  });

  it("delivers many events exactly once to a healthy receiver", async () => {
    receiver(200);
    const messages = Array.from({ length: 100 }, (_, i) =>
      message(1, { deliveryId: `m-${i}`, body: JSON.stringify({ i }) }),
    );
    for (let i = 0; i < messages.length; i += 10) await consume(...messages.slice(i, i + 10));
    const ids = await Promise.all(received.map(async (r) => r.headers.get("webhook-id")));
    expect(new Set(ids).size).toBe(100);
    expect(ids).toHaveLength(100);
  });

  it("carries payloads too large for a queue message through R2, kept for re-delivery until the log lets go of it", async () => {
    receiver(200);
    const big = { text: "x".repeat(MAX_INLINE_BODY_BYTES + 10) };
    const sent = captureWebhookMessages();
    expect(await enqueueEvents(testServices(), [{ event: "convo.created", payload: big }])).toBe(1);
    expect(sent[0]!.body).toBeUndefined();
    expect(sent[0]!.bodyKey).toBe(payloadKey(sent[0]!.deliveryId));
    await consume({ ...message(1), body: sent[0]! });
    expect(
      createHash("sha256")
        .update(await received[0]!.text())
        .digest("hex"),
    ).toBe(createHash("sha256").update(JSON.stringify(big)).digest("hex"));
    expect(await env.ATTACHMENTS.head(sent[0]!.bodyKey!)).not.toBeNull();
    const { pruneDeliveryLog } = await import("../domain/webhooks/retention");
    expect(await pruneDeliveryLog(testServices(), Math.floor(Date.now() / 1000) + 4 * 86400)).toBe(1);
    expect(await env.ATTACHMENTS.head(sent[0]!.bodyKey!)).toBeNull();
  });
});

describe("scheduled", () => {
  it("removes delivery log rows older than 3 days", async () => {
    receiver(200);
    await consume(message(1));
    const now = Math.floor(Date.now() / 1000);
    await env.DB.prepare(
      "INSERT INTO webhook_deliveries (webhook_id, delivery_id, event, attempt, created_at) VALUES (?, 'old', 'convo.created', 1, ?)",
    )
      .bind(webhookId, now - 3 * 86400 - 60)
      .run();
    const { createScheduledController } = await import("cloudflare:test");
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), env, createExecutionContext());
    expect((await log()).map((e: { deliveryId: string }) => e.deliveryId)).toEqual(["d-1"]);
  });

  it("sends nothing unsigned without WEBHOOK_SECRET: every message waits for a retry, logged once", async () => {
    const fetchSpy = receiver(200);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const noSecret = { ...env, WEBHOOK_SECRET: "" };
    const first = await consumeWith(noSecret, message(1), message(3, { deliveryId: "d-3" }));
    await consumeWith(noSecret, message(2));
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages).toEqual([
      { deliveryId: "d-1", delaySeconds: 30 },
      { deliveryId: "d-3", delaySeconds: 120 },
    ]);
    expect(await log()).toEqual([]);
    expect(logged.mock.calls.filter(([text]) => String(text).includes("WEBHOOK_SECRET"))).toHaveLength(1);
  });
});

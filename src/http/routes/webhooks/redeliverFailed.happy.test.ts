import { env } from "cloudflare:test";
import { post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { documentExample } from "@test/support/examples";
import { deliveryLog, stubReceiver } from "@test/webhooks/receiver";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

beforeEach(resetToDemoData);
afterEach(() => vi.restoreAllMocks());

/** Logs a delivery that failed for good: its first attempt (with the body) and its dead-lettered last. */
async function deadLetter(webhookId: number, deliveryId: string, body: string | null, at: number) {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO webhook_deliveries (webhook_id, delivery_id, event, attempt, status_code, error, dead_lettered, body, created_at)
       VALUES (?, ?, 'convo.created', 1, 500, 'Receiver answered 500', 0, ?, ?)`,
    ).bind(webhookId, deliveryId, body, at),
    env.DB.prepare(
      `INSERT INTO webhook_deliveries (webhook_id, delivery_id, event, attempt, status_code, error, dead_lettered, created_at)
       VALUES (?, ?, 'convo.created', 10, 500, 'Receiver answered 500', 1, ?)`,
    ).bind(webhookId, deliveryId, at + 7000),
  ]);
}

describe("Redeliver Failed Webhook Deliveries", () => {
  it("queues every dead letter once, oldest first; those whose body left the log are reported expired", async () => {
    const received = stubReceiver();
    const webhook = (await post("/api/webhooks", { url: "https://hooks.example.com/f", events: ["convo.created"] }))
      .json;
    const now = Math.floor(Date.now() / 1000);
    await deadLetter(webhook.id, "old", '{"n":1}', now - 9000);
    await deadLetter(webhook.id, "newer", '{"n":2}', now - 8000);
    await deadLetter(webhook.id, "gone", null, now - 8500);
    const res = await post(`/api/webhooks/${webhook.id}/redeliver-failed`, undefined);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ queued: ["old", "newer"], expired: ["gone"], remaining: false });
    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 10_000, interval: 100 });
    expect(received.map((r) => [r.headers.get("webhook-id"), r.body]).sort()).toEqual([
      ["newer", '{"n":2}'],
      ["old", '{"n":1}'],
    ]);
    const marked = (await deliveryLog(webhook.id)).filter((row) => row.dead_lettered);
    expect(marked.every((row) => row.redelivered_at !== null)).toBe(true);
    // Sent again once: a second call finds nothing left.
    expect((await post(`/api/webhooks/${webhook.id}/redeliver-failed`, undefined)).json).toEqual({
      queued: [],
      expired: [],
      remaining: false,
    });
  });

  it("sends what a disabled webhook missed once it is enabled again", { timeout: 30_000 }, async () => {
    const received = stubReceiver();
    const webhook = (await post("/api/webhooks", { url: "https://hooks.example.com/d", events: ["convo.created"] }))
      .json;
    await put(`/api/webhooks/${webhook.id}`, { enabled: false });
    expect((await post("/api/conversations", documentExample)).status).toBe(201);
    // Nothing is sent while it is disabled: the event is logged as a dead letter.
    await vi.waitFor(
      async () =>
        expect(await deliveryLog(webhook.id)).toMatchObject([
          { event: "convo.created", dead_lettered: 1, error: "Not sent: the webhook is disabled" },
        ]),
      { timeout: 10_000, interval: 100 },
    );
    expect(received).toHaveLength(0);
    await put(`/api/webhooks/${webhook.id}`, { enabled: true });
    const res = await post(`/api/webhooks/${webhook.id}/redeliver-failed`, undefined);
    expect(res.json.queued).toHaveLength(1);
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000, interval: 100 });
    expect(JSON.parse(received[0]!.body)).toMatchObject({ subject: documentExample.subject });
  });
});

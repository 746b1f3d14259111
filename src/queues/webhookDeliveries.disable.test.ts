/// <reference types="node" />
/** A long run of failed attempts disables a webhook, with the reason; a success in between resets the run. */
import { createExecutionContext, createMessageBatch, env } from "cloudflare:test";
import { get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { stubReceiver } from "@test/webhooks/receiver";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WebhookMessage } from "../domain/webhooks/message";
import worker from "../index";

let webhookId = 0;
let sequence = 0;
/** Disabled after 5 failed attempts in a row over at least 0 hours (the defaults are 100 and 72). */
const bindings = { ...env, WEBHOOK_DISABLE_AFTER_FAILURES: "5", WEBHOOK_DISABLE_AFTER_HOURS: "0" } as Env;

/** `count` delivery attempts of a convo.created event to the webhook, run by the queue consumer with `withEnv`. */
async function attempt(count: number, withEnv: Env = bindings) {
  const messages = Array.from({ length: count }, () => ({
    id: crypto.randomUUID(),
    timestamp: new Date(),
    attempts: 1,
    body: {
      webhookId,
      event: "convo.created",
      deliveryId: `d-${sequence++}`,
      body: "{}",
      occurredAt: Date.now(),
    } satisfies WebhookMessage,
  }));
  await worker.queue(createMessageBatch("freescout-webhooks", messages), withEnv, createExecutionContext());
}

const state = async () =>
  (await get("/api/webhooks")).json._embedded.webhooks.find((w: { id: number }) => w.id === webhookId);

beforeEach(async () => {
  await resetToDemoData();
  webhookId = (await post("/api/webhooks", { url: "https://hooks.example.com/flaky", events: ["convo.created"] })).json
    .id;
});
afterEach(() => vi.restoreAllMocks());

describe("automatic disabling", () => {
  it("disables after the configured run of failures, saying why; deliveries then stop", async () => {
    const received = stubReceiver(() => 503);
    await attempt(3);
    await attempt(1);
    expect(await state()).toMatchObject({ enabled: true });
    await attempt(1);
    const disabled = await state();
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toMatch(
      /^Disabled after 5 failed attempts in a row since .*Z; last error: Receiver answered 503$/,
    );
    expect(disabled.disabledAt).toMatch(/Z$/);
    expect(received).toHaveLength(5);
    await attempt(2); // logged as dead letters, not sent
    expect(received).toHaveLength(5);
    // Enabled again through the API: sent again, and a new run starts from zero.
    await put(`/api/webhooks/${webhookId}`, { enabled: true });
    await attempt(4);
    expect(await state()).toMatchObject({ enabled: true });
    expect(received).toHaveLength(9);
  });

  it("a success ends the run", async () => {
    let calls = 0;
    stubReceiver(() => (++calls === 4 ? 200 : 500));
    await attempt(3);
    await attempt(1); // the 4th succeeds
    await attempt(4);
    expect(await state()).toMatchObject({ enabled: true });
    const row = await env.DB.prepare("SELECT failure_streak FROM webhooks WHERE id = ?").bind(webhookId).first();
    expect(row).toEqual({ failure_streak: 4 });
  });

  it("does not disable before the run has lasted WEBHOOK_DISABLE_AFTER_HOURS", async () => {
    stubReceiver(() => 500);
    const patient = { ...bindings, WEBHOOK_DISABLE_AFTER_HOURS: "72" } as Env;
    for (let i = 0; i < 3; i++) await attempt(3, patient);
    expect(await state()).toMatchObject({ enabled: true });
    // The same run, begun 73 hours ago, is long enough.
    await env.DB.prepare("UPDATE webhooks SET failing_since = failing_since - 73 * 3600 WHERE id = ?")
      .bind(webhookId)
      .run();
    await attempt(1, patient);
    expect(await state()).toMatchObject({ enabled: false });
  });
});

import { env } from "cloudflare:test";
import { get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { standardSignatureOf, stubReceiver } from "@test/webhooks/receiver";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

beforeEach(resetToDemoData);
afterEach(() => vi.restoreAllMocks());

const create = async () =>
  (await post("/api/webhooks", { url: "https://hooks.example.com/a", events: ["convo.created"] })).json;

describe("Update Webhook", () => {
  it("changes only the given fields", async () => {
    const webhook = await create();
    const res = await put(`/api/webhooks/${webhook.id}`, { events: "convo.tags, convo.status", mailboxes: [2, 1, 2] });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: webhook.id,
      url: "https://hooks.example.com/a",
      events: ["convo.tags", "convo.status"],
      mailboxes: [1, 2],
      enabled: true,
      disabledReason: null,
    });
    expect(res.json.secret).toBeUndefined();
    const listed = (await get("/api/webhooks")).json._embedded.webhooks.find(
      (w: { id: number }) => w.id === webhook.id,
    );
    expect(listed).toMatchObject({ events: ["convo.tags", "convo.status"], mailboxes: [1, 2] });
    const moved = await put(`/api/webhooks/${webhook.id}`, { url: "https://hooks.example.com/b", mailboxes: [] });
    expect(moved.json).toMatchObject({
      url: "https://hooks.example.com/b",
      mailboxes: [],
      events: ["convo.tags", "convo.status"],
    });
  });

  it("disables and enables again; enabling clears the run of failures", async () => {
    const webhook = await create();
    const off = await put(`/api/webhooks/${webhook.id}`, { enabled: false });
    expect(off.json).toMatchObject({ enabled: false, disabledReason: "Disabled through the API" });
    expect(off.json.disabledAt).toMatch(/Z$/);
    await env.DB.prepare("UPDATE webhooks SET failure_streak = 40, failing_since = 1 WHERE id = ?")
      .bind(webhook.id)
      .run();
    const on = await put(`/api/webhooks/${webhook.id}`, { enabled: true });
    expect(on.json).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
    const row = await env.DB.prepare("SELECT failure_streak, failing_since FROM webhooks WHERE id = ?")
      .bind(webhook.id)
      .first();
    expect(row).toEqual({ failure_streak: 0, failing_since: null });
  });

  it("rotates the secret: shown once, and deliveries are signed with the new one", async () => {
    const received = stubReceiver();
    const webhook = await create();
    const rotated = await put(`/api/webhooks/${webhook.id}`, { rotateSecret: true });
    expect(rotated.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(rotated.json.secret).not.toBe(webhook.secret);
    const sealed = await env.DB.prepare("SELECT sealed_secret FROM webhooks WHERE id = ?").bind(webhook.id).first();
    expect(String(sealed!.sealed_secret)).not.toContain(rotated.json.secret.slice(6, 20)); // never stored in clear
    await post(`/api/webhooks/${webhook.id}/ping`, undefined);
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000, interval: 100 });
    expect(received[0]!.headers.get("webhook-signature")).toBe(standardSignatureOf(rotated.json.secret, received[0]!));
    expect(received[0]!.headers.get("webhook-signature")).not.toBe(standardSignatureOf(webhook.secret, received[0]!));
  });
});

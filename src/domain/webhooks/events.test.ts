/** Each event fires from each cause, once, after the change is committed, with the entity as the API shows it. */
import { del, get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { documentExample } from "@test/support/examples";
import { captureWebhookMessages } from "@test/support/webhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WebhookMessage } from "./message";

let sent: WebhookMessage[] = [];
let webhookId = 0;

beforeEach(async () => {
  await resetToDemoData();
  webhookId = (
    await post("/api/webhooks", {
      url: "https://hooks.example.com/all",
      events: [
        "convo.assigned",
        "convo.created",
        "convo.deleted",
        "convo.deleted_forever",
        "convo.moved",
        "convo.status",
        "convo.customer.reply.created",
        "convo.agent.reply.created",
        "convo.note.created",
        "customer.created",
        "customer.updated",
      ],
    })
  ).json.id;
  sent = captureWebhookMessages();
});
afterEach(() => vi.restoreAllMocks());

/** The events enqueued by the background work of the last requests. */
async function events(count: number) {
  await vi.waitFor(() => expect(sent.length).toBeGreaterThanOrEqual(count));
  await new Promise((resolve) => setTimeout(resolve, 30)); // nothing more arrives
  return sent.map((message) => ({ event: message.event, body: JSON.parse(message.body!) }));
}

describe("events", () => {
  it("Create Conversation: convo.created with the conversation and its threads, customer.created for the new customer", async () => {
    const res = await post("/api/conversations", documentExample);
    const fired = await events(2);
    expect(fired.map((e) => e.event).sort()).toEqual(["convo.created", "customer.created"]);
    expect(fired.find((e) => e.event === "convo.created")!.body).toEqual(res.json);
    expect(fired.find((e) => e.event === "customer.created")!.body).toMatchObject({
      _embedded: { emails: [{ value: "mark@example.org" }] },
    });
    expect(sent.every((m) => m.webhookId === webhookId && /^[0-9a-f-]{36}$/.test(m.deliveryId))).toBe(true);
  });

  it.each([
    [{ type: "customer", text: "hi", customer: { id: 1 } }, ["convo.customer.reply.created"]],
    // The default rule makes it pending without convo.status (FreeScout announces only a status the reply sets).
    [{ type: "message", text: "hi", user: 33 }, ["convo.agent.reply.created"]],
    [{ type: "note", text: "hi", user: 33 }, ["convo.note.created"]],
    [{ type: "message", text: "hi", user: 33, status: "closed" }, ["convo.agent.reply.created", "convo.status"]],
  ])("Create Thread %o fires %o", async (body, expected) => {
    await post("/api/conversations/1/threads", body);
    const fired = await events(expected.length);
    expect(fired.map((e) => e.event)).toEqual(expected);
    const current = (await get("/api/conversations/1")).json;
    expect(fired[0]!.body).toEqual({
      ...current,
      customerWaitingSince: { ...current.customerWaitingSince, friendly: fired[0]!.body.customerWaitingSince.friendly },
    });
  });

  it("Update Conversation fires convo.status, convo.assigned and convo.moved for what changed", async () => {
    await put("/api/conversations/1", { byUser: 33, status: "closed", assignTo: 33, mailboxId: 2 });
    const fired = await events(3);
    expect(fired.map((e) => e.event)).toEqual(["convo.status", "convo.assigned", "convo.moved"]);
    expect(fired[0]!.body).toMatchObject({ id: 1, status: "closed", mailboxId: 2 });
  });

  it("Delete Conversation fires convo.deleted_forever only (FreeScout) with the conversation as it was", async () => {
    const before = (await get("/api/conversations/1")).json;
    await del("/api/conversations/1");
    const fired = await events(1);
    expect(fired.map((e) => e.event)).toEqual(["convo.deleted_forever"]);
    expect(fired[0]!.body.id).toBe(1);
    expect(fired[0]!.body._embedded.threads).toHaveLength(before._embedded.threads.length);
  });

  it("customers fire customer.created and customer.updated (also for customer fields)", async () => {
    const created = await post("/api/customers", { firstName: "Nia", emails: [{ value: "nia@example.org" }] });
    await put(`/api/customers/${created.json.id}`, { lastName: "Moss" });
    await put(`/api/customers/${created.json.id}/customer_fields`, { customerFields: [{ id: 11, value: 30 }] });
    const fired = await events(3);
    expect(fired.map((e) => e.event)).toEqual(["customer.created", "customer.updated", "customer.updated"]);
    expect(fired[1]!.body).toMatchObject({ firstName: "Nia", lastName: "Moss" });
    expect(fired[2]!.body.customerFields).toContainEqual({ id: 11, name: "Age", value: "30", text: "" });
  });

  it("fires nothing for a failed request, and nothing for events no webhook wants", async () => {
    await post("/api/conversations", { ...documentExample, mailboxId: 999 });
    await put("/api/conversations/1", { byUser: 999, status: "closed" });
    await put("/api/conversations/1/tags", { tags: ["x"] });
    await del(`/api/webhooks/${webhookId}`);
    await post("/api/conversations", documentExample);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent).toEqual([]);
  });

  it("one message per subscribed webhook and event", async () => {
    await post("/api/webhooks", { url: "https://hooks.example.com/second", events: ["convo.note.created"] });
    await post("/api/conversations/1/threads", { type: "note", text: "x", user: 7 });
    const fired = await events(2);
    expect(fired.map((e) => e.event)).toEqual(["convo.note.created", "convo.note.created"]);
    expect(new Set(sent.map((m) => m.webhookId)).size).toBe(2);
    expect(new Set(sent.map((m) => m.deliveryId)).size).toBe(2);
  });
});

/** The extension events, each from each cause, only to webhooks that name them, filtered by mailbox. */
import { post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { documentExample } from "@test/support/examples";
import { testServices } from "@test/support/services";
import { captureWebhookMessages } from "@test/support/webhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deliverMail } from "../mail/outgoing/deliver";
import type { WebhookMessage } from "./message";

let sent: WebhookMessage[] = [];
const EXTENSIONS = ["convo.updated", "convo.tags", "convo.custom_fields", "convo.mail.failed"];

beforeEach(async () => {
  await resetToDemoData();
  sent = captureWebhookMessages();
});
afterEach(() => vi.restoreAllMocks());

const subscribe = async (events: string[], mailboxes?: number[]) =>
  (await post("/api/webhooks", { url: "https://hooks.example.com/x", events, mailboxes })).json.id as number;

async function fired(count: number) {
  await vi.waitFor(() => expect(sent.length).toBeGreaterThanOrEqual(count));
  await new Promise((resolve) => setTimeout(resolve, 50)); // nothing more arrives
  return sent.map((message) => ({
    webhookId: message.webhookId,
    event: message.event,
    body: JSON.parse(message.body!),
  }));
}

describe("extension events", () => {
  it("convo.tags when the tags change, not when they stay the same", async () => {
    await subscribe(EXTENSIONS);
    await put("/api/conversations/1/tags", { tags: ["overdue", "urgent"] });
    const [event] = await fired(1);
    expect(event).toMatchObject({ event: "convo.tags", body: { id: 1 } });
    expect(event!.body._embedded.tags.map((t: { name: string }) => t.name).sort()).toEqual(["overdue", "urgent"]);
    sent.length = 0;
    await put("/api/conversations/1/tags", { tags: ["urgent", "overdue"] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent).toEqual([]);
  });

  it("convo.custom_fields when a value changes, not when it is set to what it was", async () => {
    await subscribe(EXTENSIONS);
    await put("/api/conversations/1/custom_fields", { customFields: [{ id: 37, value: "Globex" }] });
    const [event] = await fired(1);
    expect(event).toMatchObject({ event: "convo.custom_fields", body: { id: 1 } });
    expect(event!.body.customFields).toContainEqual(expect.objectContaining({ id: 37, value: "Globex" }));
    sent.length = 0;
    await put("/api/conversations/1/custom_fields", { customFields: [{ id: 37, value: "Globex" }] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent).toEqual([]);
  });

  it("convo.updated for a new subject or customer; status alone fires only FreeScout's convo.status", async () => {
    await subscribe([...EXTENSIONS, "convo.status"]);
    await put("/api/conversations/1", { subject: "Refund, again" });
    expect((await fired(1)).map((e) => [e.event, e.body.subject])).toEqual([["convo.updated", "Refund, again"]]);
    sent.length = 0;
    await put("/api/conversations/1", { customerId: 7 });
    expect((await fired(1)).map((e) => e.event)).toEqual(["convo.updated"]);
    sent.length = 0;
    await put("/api/conversations/1", { byUser: 1, status: "closed" });
    expect((await fired(1)).map((e) => e.event)).toEqual(["convo.status"]);
  });

  it("convo.mail.failed when an outgoing email fails for good, with the reason and the conversation", async () => {
    await subscribe(EXTENSIONS);
    const reply = await post("/api/conversations/1/threads", { type: "message", text: "Hello", user: 1 });
    const services = {
      ...testServices(),
      mailer: { send: async () => Promise.reject(new Error("E_SENDER_NOT_VERIFIED: sender not verified")) },
    };
    const result = await deliverMail(
      services as never,
      { kind: "reply", conversationId: 1, threadId: reply.json.id },
      { last: false },
    );
    expect(result.outcome).toBe("done");
    const { publish } = await import("../publish");
    publish(services as never, result);
    await services.settle();
    const [event] = await fired(1);
    expect(event).toMatchObject({
      event: "convo.mail.failed",
      body: {
        kind: "reply",
        conversationId: 1,
        threadId: reply.json.id,
        mailboxId: 1,
        recipients: ["rodney@example.org"],
        reason: expect.stringContaining("not verified"),
        conversation: { id: 1 },
      },
    });
  });

  it("a webhook gets none of them unless it names them; FreeScout's events are unchanged", async () => {
    await subscribe(["convo.created", "convo.status"]);
    await put("/api/conversations/1/tags", { tags: ["x"] });
    await put("/api/conversations/1", { subject: "Changed" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent).toEqual([]);
  });

  it("a mailbox filter keeps other mailboxes' conversation events away; customer events reach every webhook", async () => {
    const onlyTwo = await subscribe(["convo.created", "customer.created"], [2]);
    const all = await subscribe(["convo.created", "customer.created"]);
    await post("/api/conversations", { ...documentExample, mailboxId: 1 });
    const inTwo = await post("/api/conversations", {
      type: "email",
      mailboxId: 2,
      subject: "In mailbox 2",
      customer: { email: "new-in-two@example.org" },
      threads: [{ type: "customer", text: "Hi", customer: { email: "new-in-two@example.org" } }],
    });
    expect(inTwo.status).toBe(201);
    const events = await fired(7);
    const byWebhook = (id: number) => events.filter((e) => e.webhookId === id).map((e) => [e.event, e.body.mailboxId]);
    expect(byWebhook(onlyTwo).sort()).toEqual([
      ["convo.created", 2],
      ["customer.created", undefined],
      ["customer.created", undefined],
    ]);
    expect(byWebhook(all).filter(([event]) => event === "convo.created")).toHaveLength(2);
  });
});

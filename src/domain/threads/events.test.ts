/** Update Thread and Delete Thread fire their extension events, only to webhooks that name them. */
import { call, del, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { captureWebhookMessages } from "@test/support/webhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WebhookMessage } from "../webhooks/message";

let sent: WebhookMessage[] = [];

beforeEach(async () => {
  await resetToDemoData();
  sent = captureWebhookMessages();
});
afterEach(() => vi.restoreAllMocks());

const subscribe = async (events: string[]) =>
  (await post("/api/webhooks", { url: "https://hooks.example.com/x", events })).json.id as number;

async function fired(count: number) {
  await vi.waitFor(() => expect(sent.length).toBeGreaterThanOrEqual(count));
  await new Promise((resolve) => setTimeout(resolve, 50)); // nothing more arrives
  return sent.map((message) => ({ event: message.event, body: JSON.parse(message.body!) }));
}

const quiet = async () => {
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(sent).toEqual([]);
};

const patch = (threadId: number, body: unknown) => call("PATCH", `/api/conversations/1/threads/${threadId}`, { body });

describe("thread events", () => {
  it("convo.thread.updated with the conversation as it is after the edit; none for an edit that changes nothing", async () => {
    await subscribe(["convo.thread.updated", "convo.thread.deleted"]);
    await patch(3, { text: "Refund sent.", byUserId: 1 });
    const [event] = await fired(1);
    expect(event).toMatchObject({ event: "convo.thread.updated", body: { id: 1, mailboxId: 1, threadId: 3 } });
    expect(event!.body._embedded.threads.find((t: { id: number }) => t.id === 3).body).toBe("Refund sent.");
    sent.length = 0;
    await patch(3, { text: "Refund sent.", byUserId: 1 });
    await quiet();
  });

  it("Delete Thread: convo.thread.deleted for a deleted thread, convo.thread.updated for a hidden customer's thread", async () => {
    await subscribe(["convo.thread.updated", "convo.thread.deleted"]);
    await del("/api/conversations/1/threads/3");
    const [deleted] = await fired(1);
    expect(deleted!.event).toBe("convo.thread.deleted");
    expect(deleted!.body.threadId).toBe(3); // which thread: it is no longer among the threads
    expect(deleted!.body._embedded.threads.map((t: { id: number }) => t.id)).not.toContain(3);
    sent.length = 0;
    await del("/api/conversations/1/threads/5");
    const [hidden] = await fired(1);
    expect(hidden!.event).toBe("convo.thread.updated");
    expect(hidden!.body._embedded.threads.find((t: { id: number }) => t.id === 5).state).toBe("hidden");
  });

  it("nothing for webhooks that do not name them", async () => {
    await subscribe(["convo.note.created", "convo.agent.reply.created", "customer.updated"]);
    await patch(4, { text: "Changed", byUserId: 1 });
    await del("/api/conversations/1/threads/3");
    await quiet();
  });
});

import { env } from "cloudflare:test";
import { call, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { folderCounterMismatches, threadCountMismatches } from "@test/support/invariants";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const patch = (path: string, body: unknown) => call("PATCH", path, { body });

const threadOf = async (conversationId: number, threadId: number) =>
  (await get(`/api/conversations/${conversationId}`)).json._embedded.threads.find(
    (t: { id: number }) => t.id === threadId,
  );

const edits = async (threadId: number) =>
  (
    await env.DB.prepare(
      "SELECT edited_by_user_id, previous_body, previous_state, created_at FROM thread_edits WHERE thread_id = ? ORDER BY id",
    )
      .bind(threadId)
      .all()
  ).results;

const times = async (threadId: number) =>
  env.DB.prepare(
    "SELECT t.updated_at AS thread, c.updated_at AS conversation FROM threads t JOIN conversations c ON c.id = t.conversation_id WHERE t.id = ?",
  )
    .bind(threadId)
    .first<{ thread: number; conversation: number }>();

describe("Update Thread", () => {
  it("changes a note's text: the thread shows who and when, the history keeps the old text", async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await patch("/api/conversations/1/threads/3", {
      text: "<p>Refund approved and sent.</p>",
      byUserId: 7,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: 3,
      type: "note",
      state: "published",
      body: "<p>Refund approved and sent.</p>",
      editedBy: { id: 7, firstName: "Sam", lastName: "Support" },
      action: { text: "Ada Admin added a note to conversation #1" },
    });
    expect(Date.parse(res.json.editedAt) / 1000).toBeGreaterThanOrEqual(before);
    expect(await edits(3)).toEqual([
      {
        edited_by_user_id: 7,
        previous_body: "Payment found, refund approved.",
        previous_state: "published",
        created_at: expect.any(Number),
      },
    ]);
    // Get Conversation shows the same thread; the thread and the conversation were updated.
    expect(await threadOf(1, 3)).toEqual(res.json);
    const updated = await times(3);
    expect(updated!.thread).toBeGreaterThanOrEqual(before);
    expect(updated!.conversation).toBeGreaterThanOrEqual(before);
    // A note is not the preview.
    expect((await get("/api/conversations/1")).json.preview).toBe("Thank you very much!");
  });

  it("keeps every edit in order, and takes `user` for byUserId", async () => {
    await patch("/api/conversations/1/threads/4", { text: "First edit", user: 1 });
    const res = await patch("/api/conversations/1/threads/4", { text: "Second edit", user: 33 });
    expect(res.json).toMatchObject({ body: "Second edit", editedBy: { id: 33 } });
    expect((await edits(4)).map((e) => [e.edited_by_user_id, e.previous_body])).toEqual([
      [1, "We have refunded your payment; it reaches your account within 3 days."],
      [33, "First edit"],
    ]);
  });

  it("the newest reply's new text becomes the conversation's preview", async () => {
    const added = await post("/api/conversations/1/threads", { type: "message", text: "Draft answer", user: 7 });
    const id = added.json.id as number;
    const res = await patch(`/api/conversations/1/threads/${id}`, { text: "<b>Final</b> answer", byUserId: 7 });
    expect(res.status).toBe(200);
    expect((await get("/api/conversations/1")).json.preview).toBe("Final answer");
  });

  it("hides a customer's thread and shows it again: preview and waiting time follow the newest visible reply", async () => {
    const hidden = await patch("/api/conversations/1/threads/5", { hidden: true, byUserId: 1 });
    expect(hidden.status).toBe(200);
    expect(hidden.json).toMatchObject({ id: 5, state: "hidden", body: "Thank you very much!", editedBy: { id: 1 } });
    let conversation = (await get("/api/conversations/1")).json;
    expect(conversation.threadsCount).toBe(4);
    expect(conversation._embedded.threads.find((t: { id: number }) => t.id === 5).state).toBe("hidden");
    expect(conversation.preview).toBe("We have refunded your payment; it reaches your account within 3 days.");
    expect(conversation.customerWaitingSince).toMatchObject({ time: "2020-03-16T09:27:23Z", latestReplyFrom: "user" });

    const shown = await patch("/api/conversations/1/threads/5", { hidden: false, byUserId: 1 });
    expect(shown.json.state).toBe("published");
    conversation = (await get("/api/conversations/1")).json;
    expect(conversation.preview).toBe("Thank you very much!");
    expect(conversation.customerWaitingSince).toMatchObject({
      time: "2020-03-16T09:57:23Z",
      latestReplyFrom: "customer",
    });
    expect((await edits(5)).map((e) => [e.previous_state, e.previous_body])).toEqual([
      ["published", null],
      ["hidden", null],
    ]);
    expect(await threadCountMismatches()).toEqual([]);
    expect(await folderCounterMismatches()).toEqual([]);
  });

  it("hiding a reply whose email is still queued keeps it from being sent; a new text is what gets sent", async () => {
    await env.DB.prepare("UPDATE threads SET mail_status = 'queued' WHERE id = 4").run();
    const edited = await patch("/api/conversations/1/threads/4", { text: "Corrected answer", byUserId: 1 });
    expect(edited.json.mail.status).toBe("queued");
    const hidden = await patch("/api/conversations/1/threads/4", { hidden: true, byUserId: 1 });
    expect(hidden.json.mail).toMatchObject({ status: "not_sent", error: expect.stringMatching(/hidden/) });
  });

  it("the conversation's first thread keeps its action text", async () => {
    const res = await patch("/api/conversations/1/threads/1", { hidden: true, byUserId: 1 });
    expect(res.json.action.text).toBe("Rodney Robertson started a new conversation #1");
  });

  it("a change that changes nothing writes nothing", async () => {
    const before = await times(3);
    const res = await patch("/api/conversations/1/threads/3", { text: "Payment found, refund approved.", byUserId: 1 });
    expect(res.status).toBe(200);
    expect(res.json.editedAt).toBeNull();
    expect(await edits(3)).toEqual([]);
    expect(await times(3)).toEqual(before);
  });

  it("costs two D1 round trips", async () => {
    await get("/api/users/1");
    const res = await patch("/api/conversations/1/threads/3", { text: "New", byUserId: 1 });
    expect(res.headers.get("Server-Timing")).toMatch(/q=2 /);
  });
});

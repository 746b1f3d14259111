import { env } from "cloudflare:test";
import { call, del, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { folderCounterMismatches, threadCountMismatches } from "@test/support/invariants";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const conversation = async (id = 1) => (await get(`/api/conversations/${id}`)).json;
const threadIds = async (id = 1) => (await conversation(id))._embedded.threads.map((t: { id: number }) => t.id);
const objectKeys = async () => (await env.ATTACHMENTS.list()).objects.map((o) => o.key).sort();

describe("Delete Thread", () => {
  it("deletes a note: 204, the row is gone, threadsCount and updatedAt follow, counters stay exact", async () => {
    const before = await conversation();
    const res = await del("/api/conversations/1/threads/3");
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const after = await conversation();
    expect(after.threadsCount).toBe(before.threadsCount - 1);
    expect(after._embedded.threads.map((t: { id: number }) => t.id)).toEqual([5, 4, 2, 1]);
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect(after.preview).toBe(before.preview);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM threads WHERE id = 3").first("n")).toBe(0);
    expect(await threadCountMismatches()).toEqual([]);
    expect(await folderCounterMismatches()).toEqual([]);
  });

  it("deletes an agent reply with its attachments: rows and R2 objects gone, nothing else touched", async () => {
    const added = await post("/api/conversations/1/threads", {
      type: "message",
      text: "Here are the files",
      user: 7,
      attachments: [
        { fileName: "a.txt", data: "YQ==" },
        { fileName: "b.txt", data: "Yg==" },
      ],
    });
    const id = added.json.id as number;
    expect(await objectKeys()).toHaveLength(3);
    expect((await conversation()).preview).toBe("Here are the files");

    expect((await del(`/api/conversations/1/threads/${id}`)).status).toBe(204);
    expect(await objectKeys()).toEqual(["seed/invoice.txt"]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM attachments WHERE thread_id = ?").bind(id).first("n")).toBe(
      0,
    );
    expect(await env.DB.prepare("SELECT count(*) AS n FROM attachments").first("n")).toBe(1);
    // The newest reply is gone: the preview and the waiting time go back to the one before.
    const after = await conversation();
    expect(after.preview).toBe("Thank you very much!");
    expect(after.customerWaitingSince).toMatchObject({ time: "2020-03-16T09:57:23Z", latestReplyFrom: "customer" });
    expect(after.threadsCount).toBe(4);
    expect(await threadCountMismatches()).toEqual([]);
    expect(await folderCounterMismatches()).toEqual([]);
  });

  it("hides a customer's message instead of destroying it, recording who", async () => {
    const res = await del("/api/conversations/1/threads/5", { query: { byUserId: 33 } });
    expect(res.status).toBe(204);
    const after = await conversation();
    expect(after.threadsCount).toBe(4);
    expect(after._embedded.threads.find((t: { id: number }) => t.id === 5)).toMatchObject({
      state: "hidden",
      body: "Thank you very much!",
      editedBy: { id: 33 },
    });
    expect(after.preview).toBe("We have refunded your payment; it reaches your account within 3 days.");
    const history = await env.DB.prepare(
      "SELECT edited_by_user_id, previous_state FROM thread_edits WHERE thread_id = 5",
    ).all();
    expect(history.results).toEqual([{ edited_by_user_id: 33, previous_state: "published" }]);
    // Deleting it again changes nothing more; Update Thread shows it again.
    expect((await del("/api/conversations/1/threads/5")).status).toBe(204);
    const shown = await call("PATCH", "/api/conversations/1/threads/5", { body: { hidden: false, byUserId: 1 } });
    expect(shown.json.state).toBe("published");
    expect((await conversation()).preview).toBe("Thank you very much!");
  });

  it("a customer's only message can be hidden (the conversation keeps its thread)", async () => {
    const created = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      subject: "One message",
      customer: { email: "solo@example.org" },
      threads: [{ type: "customer", text: "Only this" }],
    });
    const id = created.json.id as number;
    const [threadId] = await threadIds(id);
    expect((await del(`/api/conversations/${id}/threads/${threadId}`)).status).toBe(204);
    const after = await conversation(id);
    expect(after.threadsCount).toBe(1);
    expect(after.preview).toBe("");
    expect(after._embedded.threads[0].state).toBe("hidden");
  });

  it("the thread's history goes with it; its email records forget it", async () => {
    await call("PATCH", "/api/conversations/1/threads/4", { body: { text: "Edited", byUserId: 1 } });
    await env.DB.prepare(
      "INSERT INTO mail_messages (mailbox_id, message_id, direction, conversation_id, thread_id, created_at) VALUES (1, 'out-4@example.org', 'out', 1, 4, 1584350843)",
    ).run();
    expect((await del("/api/conversations/1/threads/4")).status).toBe(204);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM thread_edits WHERE thread_id = 4").first("n")).toBe(0);
    expect(
      await env.DB.prepare("SELECT thread_id FROM mail_messages WHERE message_id = 'out-4@example.org'").first(),
    ).toEqual({
      thread_id: null,
    });
  });

  it("costs two D1 round trips", async () => {
    await get("/api/users/1");
    const res = await del("/api/conversations/1/threads/3");
    expect(res.headers.get("Server-Timing")).toMatch(/q=2 /);
  });
});

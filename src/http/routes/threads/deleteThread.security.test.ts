import { env } from "cloudflare:test";
import { call, del, errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const exists = async (threadId: number) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM threads WHERE id = ?").bind(threadId).first("n")) === 1;

describe("Delete Thread: access", () => {
  it("a thread is reached only through its own conversation: another conversation's id is a 404", async () => {
    const res = await del("/api/conversations/7/threads/3");
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "threadId", rejectedValue: 3 });
    expect(await exists(3)).toBe(true);
    expect((await get("/api/conversations/7")).json.threadsCount).toBe(2);
  });

  it.each([null, "wrong-key"])("with key %s: 401, the thread and its attachment stay", async (key) => {
    for (const id of [1, 3, 5]) {
      expect((await call("DELETE", `/api/conversations/1/threads/${id}`, { key })).status).toBe(401);
    }
    expect([await exists(1), await exists(3), await exists(5)]).toEqual([true, true, true]);
    expect((await env.ATTACHMENTS.list()).objects).toHaveLength(1);
    expect(
      (await get("/api/conversations/1")).json._embedded.threads.every(
        (t: { state: string }) => t.state === "published",
      ),
    ).toBe(true);
  });

  it("a customer's message is never destroyed by the API: its text and attachment stay readable, hidden", async () => {
    expect((await del("/api/conversations/1/threads/1")).status).toBe(204);
    const thread = (await get("/api/conversations/1")).json._embedded.threads.find((t: { id: number }) => t.id === 1);
    expect(thread.state).toBe("hidden");
    expect(thread.body).toMatch(/refund my recent payment/);
    expect(thread._embedded.attachments).toHaveLength(1);
    expect((await env.ATTACHMENTS.list()).objects).toHaveLength(1);
  });
});

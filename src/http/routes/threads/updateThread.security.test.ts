import { env } from "cloudflare:test";
import { call, errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const threadRow = (id: number) =>
  env.DB.prepare("SELECT body, state, edited_at, updated_at FROM threads WHERE id = ?").bind(id).first();

describe("Update Thread: access", () => {
  it("a thread is reached only through its own conversation: another conversation's id is a 404", async () => {
    const before = await threadRow(3);
    const res = await call("PATCH", "/api/conversations/7/threads/3", { body: { text: "hijacked", byUserId: 1 } });
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "threadId", rejectedValue: 3 });
    expect(await threadRow(3)).toEqual(before);
  });

  it.each([null, "wrong-key"])("with key %s: 401 and nothing changes", async (key) => {
    const before = await threadRow(5);
    const res = await call("PATCH", "/api/conversations/1/threads/5", { key, body: { hidden: true, byUserId: 1 } });
    expect(res.status).toBe(401);
    expect(await threadRow(5)).toEqual(before);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM thread_edits").first())?.n).toBe(0);
  });

  it("a hidden customer thread stays readable through Get Conversation, with state hidden", async () => {
    await call("PATCH", "/api/conversations/1/threads/1", { body: { hidden: true, byUserId: 7 } });
    const thread = (await get("/api/conversations/1")).json._embedded.threads.find((t: { id: number }) => t.id === 1);
    expect(thread).toMatchObject({
      state: "hidden",
      body: "Could you please refund my recent payment? The invoice is attached.",
      editedBy: { id: 7 },
    });
    expect(thread._embedded.attachments).toHaveLength(1);
  });
});

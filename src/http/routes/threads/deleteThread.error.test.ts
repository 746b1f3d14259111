import { env } from "cloudflare:test";
import { del, errorsOf, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const snapshot = async () =>
  JSON.stringify([
    (await env.DB.prepare("SELECT id, state, updated_at FROM threads ORDER BY id").all()).results,
    (await env.DB.prepare("SELECT id, threads_count, preview, updated_at FROM conversations ORDER BY id").all())
      .results,
    (await env.DB.prepare("SELECT count(*) AS n FROM thread_edits").first())?.n,
    (await env.ATTACHMENTS.list()).objects.length,
  ]);

describe("Delete Thread refuses", () => {
  it("a line item: 409, nothing changes", async () => {
    const before = await snapshot();
    const res = await del("/api/conversations/1/threads/2");
    expect(res.status).toBe(409);
    expect(errorsOf(res)[0]).toMatchObject({
      path: "threadId",
      source: "PATH",
      message: expect.stringMatching(/line item/),
    });
    expect(await snapshot()).toBe(before);
  });

  it("the conversation's only thread: 409 (delete the conversation instead)", async () => {
    const created = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      subject: "A note only",
      customer: { email: "solo@example.org" },
      threads: [{ type: "note", text: "Call back tomorrow", user: 1 }],
    });
    const id = created.json.id as number;
    const threadId =
      created.json._embedded?.threads?.[0]?.id ??
      (await env.DB.prepare("SELECT id FROM threads WHERE conversation_id = ?").bind(id).first<{ id: number }>())!.id;
    const before = await snapshot();
    const res = await del(`/api/conversations/${id}/threads/${threadId}`);
    expect(res.status).toBe(409);
    expect(errorsOf(res)[0]!.message).toMatch(/only thread/);
    expect(await snapshot()).toBe(before);
  });

  it("an unknown byUserId: 400 in the query", async () => {
    const before = await snapshot();
    const res = await del("/api/conversations/1/threads/3", { query: { byUserId: 999 } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]).toMatchObject({ path: "byUserId", source: "QUERY" });
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ["an unknown conversation", "/api/conversations/999/threads/3", "conversationId"],
    ["an unknown thread", "/api/conversations/1/threads/999", "threadId"],
    ["a thread already deleted", "/api/conversations/1/threads/3", "threadId"],
  ])("%s: 404", async (name, path, field) => {
    if (name === "a thread already deleted") expect((await del(path)).status).toBe(204);
    const res = await del(path);
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: field, source: "PATH" });
  });
});

import { env } from "cloudflare:test";
import { call, errorsOf } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const patch = (path: string, body: unknown) => call("PATCH", path, { body });

/** Everything an edit writes: the threads' text, state and times, the history, the conversation. */
const snapshot = async () =>
  JSON.stringify([
    (await env.DB.prepare("SELECT id, body, state, edited_at, updated_at FROM threads ORDER BY id").all()).results,
    (await env.DB.prepare("SELECT count(*) AS n FROM thread_edits").first())?.n,
    (await env.DB.prepare("SELECT preview, updated_at, last_reply_at FROM conversations ORDER BY id").all()).results,
  ]);

describe("Update Thread refuses", () => {
  it.each([
    ["a line item", 2, { text: "x", byUserId: 1 }, 409, "threadId", /line item/],
    ["a line item, even hidden", 2, { hidden: true, byUserId: 1 }, 409, "threadId", /line item/],
    ["new words for a customer's thread", 5, { text: "I never said that", byUserId: 1 }, 400, "text", /customer/],
    ["hiding a note", 3, { hidden: true, byUserId: 1 }, 400, "hidden", /note/],
    ["an empty text", 3, { text: "<p> &nbsp;</p>", byUserId: 1 }, 400, "text", /empty/],
    ["nothing to change", 3, { byUserId: 1 }, 400, "text", /Nothing to change/],
    ["no user", 3, { text: "x" }, 400, "byUserId", /Required/],
    ["an unknown user", 3, { text: "x", byUserId: 999 }, 400, "byUserId", /not found/],
  ])("%s", async (_name, threadId, body, status, path, message) => {
    const before = await snapshot();
    const res = await patch(`/api/conversations/1/threads/${threadId}`, body);
    expect(res.status).toBe(status);
    expect(errorsOf(res)[0]).toMatchObject({ path, message: expect.stringMatching(message) });
    expect(await snapshot()).toBe(before);
  });

  it("a deleted user", async () => {
    await env.DB.prepare("UPDATE users SET status = 'deleted' WHERE id = 15").run();
    const res = await patch("/api/conversations/1/threads/3", { text: "x", byUserId: 15 });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]!.path).toBe("byUserId");
  });

  it("hiding a draft", async () => {
    await env.DB.prepare("UPDATE threads SET state = 'draft' WHERE id = 4").run();
    const res = await patch("/api/conversations/1/threads/4", { hidden: true, byUserId: 1 });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]).toMatchObject({ path: "hidden", message: "A draft cannot be hidden" });
  });

  it("a body of the wrong types, naming each field", async () => {
    const res = await patch("/api/conversations/1/threads/3", { text: ["x"], hidden: "maybe", byUserId: "me" });
    expect(res.status).toBe(400);
    expect(
      errorsOf(res)
        .map((e) => e.path)
        .sort(),
    ).toEqual(["byUserId", "hidden", "text"]);
  });

  it.each([
    ["an unknown conversation", "/api/conversations/999/threads/3", "conversationId"],
    ["an unknown thread", "/api/conversations/1/threads/999", "threadId"],
  ])("%s: 404", async (_name, path, field) => {
    const res = await patch(path, { text: "x", byUserId: 1 });
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: field, source: "PATH" });
  });
});

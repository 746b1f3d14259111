import { env } from "cloudflare:test";
import { call, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Conversation Attachments", () => {
  it("lists the attachments of every thread, oldest first, as threads embed them plus their thread", async () => {
    const added = await post("/api/conversations/1/threads", {
      type: "note",
      text: "Receipt",
      user: 1,
      attachments: [{ fileName: "receipt.txt", mimeType: "text/plain", data: "cGFpZA==" }],
    });
    const res = await get("/api/conversations/1/attachments");
    expect(res.status).toBe(200);
    const list = res.json._embedded.attachments;
    expect(list.map((a: { threadId: number; fileName: string }) => [a.threadId, a.fileName])).toEqual([
      [1, "invoice.txt"],
      [added.json.id, "receipt.txt"],
    ]);
    // The same object Get Conversation embeds in the thread, plus threadId.
    const thread = (await get("/api/conversations/1")).json._embedded.threads.find((t: { id: number }) => t.id === 1);
    expect(list[0]).toEqual({ ...thread._embedded.attachments[0], threadId: 1 });
    // Its link downloads the file.
    const file = await call("GET", list[1].fileUrl, { key: null });
    expect(file.text).toBe("paid");
  });

  it("includes the attachments of hidden threads", async () => {
    await call("PATCH", "/api/conversations/1/threads/1", { body: { hidden: true, byUserId: 1 } });
    expect((await get("/api/conversations/1/attachments")).json._embedded.attachments).toHaveLength(1);
  });

  it("a conversation without attachments has an empty list", async () => {
    const res = await get("/api/conversations/7/attachments");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ _embedded: { attachments: [] } });
  });

  it("costs one D1 round trip", async () => {
    await get("/api/users/1");
    const res = await get("/api/conversations/1/attachments");
    expect(res.headers.get("Server-Timing")).toMatch(/q=1 /);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM attachments").first("n")).toBe(1);
  });
});

import { env } from "cloudflare:test";
import { del, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const objectKeys = async () => (await env.ATTACHMENTS.list()).objects.map((o) => o.key).sort();

describe("Delete Conversation Attachment", () => {
  it("deletes the row and the stored file; the thread and the conversation are updated, the text stays", async () => {
    const before = (await get("/api/conversations/1")).json;
    const res = await del("/api/conversations/1/attachments/1");
    expect(res.status).toBe(204);
    expect(await objectKeys()).toEqual([]);
    expect((await get("/api/conversations/1/attachments")).json._embedded.attachments).toEqual([]);
    const after = (await get("/api/conversations/1")).json;
    const thread = after._embedded.threads.find((t: { id: number }) => t.id === 1);
    expect(thread._embedded.attachments).toEqual([]);
    expect(thread.body).toMatch(/invoice is attached/);
    expect(after.updatedAt > before.updatedAt).toBe(true);
    const threadUpdated = await env.DB.prepare("SELECT updated_at FROM threads WHERE id = 1").first<number>(
      "updated_at",
    );
    expect(threadUpdated).toBeGreaterThan(1584312382);
  });

  it("deletes only that attachment of a thread", async () => {
    const added = await post("/api/conversations/1/threads", {
      type: "note",
      text: "Two files",
      user: 1,
      attachments: [
        { fileName: "a.txt", data: "YQ==" },
        { fileName: "b.txt", data: "Yg==" },
      ],
    });
    const [first, second] = added.json._embedded.attachments as { id: number }[];
    expect((await del(`/api/conversations/1/attachments/${first!.id}`)).status).toBe(204);
    const list = (await get("/api/conversations/1/attachments")).json._embedded.attachments;
    expect(list.map((a: { id: number }) => a.id)).toEqual([1, second!.id]);
    expect(await objectKeys()).toHaveLength(2);
  });

  it("costs one D1 round trip", async () => {
    await get("/api/users/1");
    const res = await del("/api/conversations/1/attachments/1");
    expect(res.headers.get("Server-Timing")).toMatch(/q=1 /);
  });
});

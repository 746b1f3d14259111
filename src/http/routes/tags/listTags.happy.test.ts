import { env } from "cloudflare:test";
import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Tags", () => {
  it("lists tags sorted by id in the document's shape", async () => {
    const res = await get("/api/tags?page=1&pageSize=100");
    expect(res.status).toBe(200);
    expect(res.json._embedded.tags[0]).toEqual({ id: 1, name: "overdue", counter: expect.any(Number), color: 1 });
    expect(res.json._embedded.tags.map((t: { id: number }) => t.id)).toEqual([1, 2]);
  });

  it("filters by conversationId", async () => {
    await env.DB.batch([
      env.DB.prepare("INSERT INTO tags (id, name) VALUES (9, 'vip')"),
      env.DB.prepare(
        "INSERT INTO conversations (id, number, type, status, state, folder_id, mailbox_id, source_via, source_type, subject, created_at, updated_at) VALUES (900, 900, 'email', 'active', 'published', 1, 1, 'customer', 'email', 'Tagged', 0, 0)",
      ),
      env.DB.prepare("INSERT INTO conversation_tags (conversation_id, tag_id) VALUES (900, 9), (900, 1)"),
    ]);
    const res = await get("/api/tags?conversationId=900");
    expect(res.json._embedded.tags.map((t: { name: string }) => t.name)).toEqual(["overdue", "vip"]);
    expect(res.json.page.totalElements).toBe(2);
    expect((await get("/api/tags?conversationId=12345")).json.page.totalElements).toBe(0);
  });
});

/**
 * Pages whose ids are read first (a tag alone, any page after the first, the extensions'
 * filters) come in the order of those ids: the ids lead a CROSS JOIN with no ORDER BY of their
 * own (src/db/conversationQueries.ts, selectConversationPageOf), so the order is checked here
 * against SQLite sorting the same conversations.
 */
import { env } from "cloudflare:test";
import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeAll, describe, expect, it } from "vitest";

const MANY = 60;

beforeAll(async () => {
  await resetToDemoData();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO tags (name) VALUES ('ordered')"),
    env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MANY})
       INSERT INTO conversations (number, type, status, state, folder_id, mailbox_id, source_via, source_type,
         subject, created_at, updated_at)
       SELECT 20000 + i, 'email', 'active', 'published',
         (SELECT id FROM folders WHERE mailbox_id = 1 AND user_id IS NULL AND type = 1), 1, 'customer', 'email',
         'Ordered ' || ((i * 37) % ${MANY}), 1700000000 + (i * 7919) % 1000, 1700500000 + (i * 104729) % 1000 FROM n`,
    ),
    env.DB.prepare(
      `INSERT INTO conversation_tags (conversation_id, tag_id)
       SELECT id, (SELECT id FROM tags WHERE name = 'ordered') FROM conversations WHERE number > 20000`,
    ),
  ]);
});

async function expectedIds(order: string, where = "1") {
  const { results } = await env.DB.prepare(`SELECT id FROM conversations WHERE ${where} ORDER BY ${order}`).all<{
    id: number;
  }>();
  return results.map((row) => row.id);
}

const ids = (json: { _embedded: { conversations: { id: number }[] } }) => json._embedded.conversations.map((c) => c.id);

describe("pages read ids first keep their order", () => {
  it("a tag's pages, newest and oldest first", async () => {
    const tagged = "number > 20000";
    for (const [sortOrder, order] of [
      ["desc", "created_at DESC, id DESC"],
      ["asc", "created_at ASC, id ASC"],
    ] as const) {
      const all = await expectedIds(order, tagged);
      const first = await get("/api/conversations", { query: { tag: "ordered", sortOrder, pageSize: 25 } });
      const second = await get("/api/conversations", { query: { tag: "ordered", sortOrder, pageSize: 25, page: 2 } });
      expect([...ids(first.json), ...ids(second.json)]).toEqual(all.slice(0, 50));
    }
  });

  it("a page after the first, sorted by subject and by updatedAt", async () => {
    for (const [sortField, order] of [
      ["subject", "subject DESC, id DESC"],
      ["updatedAt", "updated_at DESC, id DESC"],
    ] as const) {
      const all = await expectedIds(order);
      const page = await get("/api/conversations", { query: { sortField, sortOrder: "desc", pageSize: 20, page: 2 } });
      expect(ids(page.json)).toEqual(all.slice(20, 40));
    }
  });
});

/**
 * totalElements from the list counters (migration 0017): the same number as counting the
 * matches, for a few counter rows whatever the number of matches.
 */
import { env } from "cloudflare:test";
import { d1Cost, get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { listCountMismatches } from "@test/support/invariants";
import { beforeAll, describe, expect, it } from "vitest";

const MANY = 400;

beforeAll(async () => {
  await resetToDemoData();
  // MANY conversations of mailbox 1, assigned to user 7, active, a third tagged "bulk".
  await env.DB.batch([
    env.DB.prepare("INSERT INTO tags (name) VALUES ('bulk')"),
    env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MANY})
       INSERT INTO conversations (number, type, status, state, folder_id, mailbox_id, assignee_id, source_via, source_type,
         subject, created_at, updated_at)
       SELECT 10000 + i, 'email', CASE WHEN i % 4 = 0 THEN 'pending' ELSE 'active' END, 'published',
         (SELECT id FROM folders WHERE mailbox_id = 1 AND user_id IS NULL AND type = 40), 1, 7, 'customer', 'email',
         'Bulk ' || i, 1700000000 + i, 1700000000 + i FROM n`,
    ),
    env.DB.prepare(
      `INSERT INTO conversation_tags (conversation_id, tag_id)
       SELECT id, (SELECT id FROM tags WHERE name = 'bulk') FROM conversations WHERE number > 10000 AND number % 3 = 0`,
    ),
  ]);
});

async function count(where: string) {
  return (await env.DB.prepare(`SELECT count(*) AS n FROM conversations c WHERE ${where}`).first<{ n: number }>())!.n;
}

describe("list totals from counters", () => {
  it.each([
    [
      "mailbox, status and assignee",
      { mailboxId: 1, status: "active", assignedTo: 7 },
      "c.mailbox_id = 1 AND c.status = 'active' AND c.assignee_id = 7",
    ],
    ["assignee", { assignedTo: 7 }, "c.assignee_id = 7"],
    ["status and state", { status: "active", state: "published" }, "c.status = 'active' AND c.state = 'published'"],
    [
      "a tag",
      { tag: "bulk", status: "all" },
      "c.id IN (SELECT conversation_id FROM conversation_tags WHERE tag_id = (SELECT id FROM tags WHERE name = 'bulk'))",
    ],
    [
      "a tag in a mailbox with a status",
      { tag: "BULK", mailboxId: 1, status: "active" },
      "c.mailbox_id = 1 AND c.status = 'active' AND c.id IN (SELECT conversation_id FROM conversation_tags WHERE tag_id = (SELECT id FROM tags WHERE name = 'bulk'))",
    ],
  ])("%s: the counted number, for far fewer rows than the matches", async (_name, query, where) => {
    const res = await get("/api/conversations", { query: { ...query, pageSize: 5 } });
    expect(res.status).toBe(200);
    const expected = await count(where);
    expect(expected).toBeGreaterThan(90);
    expect(res.json.page.totalElements).toBe(expected);
    expect(d1Cost(res).rowsRead).toBeLessThan(60);
  });

  it("follow every change that moves a conversation between counters", async () => {
    await put("/api/conversations/1", { byUser: 1, status: "closed", assignTo: 7, mailboxId: 2 });
    await put("/api/conversations/1/tags", { tags: ["bulk", "vip"] });
    await env.DB.prepare("DELETE FROM conversations WHERE number = 10003").run();
    await env.DB.prepare("DELETE FROM tags WHERE name = 'vip'").run();
    expect(await listCountMismatches()).toEqual([]);
  });

  it("a deep page reads the skipped rows from the sort's index only, not with their people", async () => {
    const first = await get("/api/conversations", { query: { page: 1, pageSize: 50 } });
    const deep = await get("/api/conversations", { query: { page: 8, pageSize: 50 } });
    expect(deep.json._embedded.conversations).toHaveLength(50);
    const total = first.json.page.totalElements;
    expect(deep.json._embedded.conversations.at(-1).id).not.toBe(first.json._embedded.conversations.at(-1).id);
    // 350 skipped: about one index entry each (with their people it would be three rows each).
    expect(total).toBeGreaterThan(400);
    expect(d1Cost(deep).rowsRead - d1Cost(first).rowsRead).toBeLessThan(1.5 * 350);
  });

  it("a tag's page comes from its links in creation order: the page's rows, not a walk past untagged ones", async () => {
    const res = await get("/api/conversations", { query: { tag: "bulk", status: "all", pageSize: 50 } });
    const ids = res.json._embedded.conversations.map((c: { id: number }) => c.id);
    const { results } = await env.DB.prepare(
      `SELECT c.id FROM conversations c JOIN conversation_tags ct ON ct.conversation_id = c.id
       JOIN tags t ON t.id = ct.tag_id AND t.name = 'bulk' ORDER BY c.created_at DESC, c.id DESC LIMIT 50`,
    ).all<{ id: number }>();
    expect(ids).toEqual(results.map((row) => row.id));
    // The first page without a filter, plus the tag's 50 links (read, listed, sorted): walking
    // the creation order past the untagged two thirds and probing each for the tag reads more.
    const plain = await get("/api/conversations", { query: { pageSize: 50 } });
    expect(d1Cost(res).rowsRead).toBeLessThanOrEqual(d1Cost(plain).rowsRead + 3 * 50);
    const older = await get("/api/conversations", { query: { tag: "bulk", status: "all", pageSize: 50, page: 2 } });
    expect(older.json._embedded.conversations[0].id).not.toBe(ids[0]);
  });
});

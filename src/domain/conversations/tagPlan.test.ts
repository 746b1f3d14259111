import { env } from "cloudflare:test";
import { put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { desc } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { conversations } from "../../db/schema";
import { tagCondition, tagPlan } from "./tagPlan";

beforeAll(async () => {
  await resetToDemoData();
  await put("/api/conversations/7/tags", { tags: ["overdue", "refund"] });
});

describe("tag plans", () => {
  it("find the same conversations in the same order", async () => {
    const db = createDb(env.DB);
    for (const name of ["overdue", "refund", "missing"]) {
      const read = (plan: "scan" | "lookup") =>
        db
          .select({ id: conversations.id })
          .from(conversations)
          .where(tagCondition(name, plan))
          .orderBy(desc(conversations.createdAt));
      expect(await read("scan")).toEqual(await read("lookup"));
    }
  });

  it("scans for a tag most conversations carry and looks up a rare one", async () => {
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
       INSERT INTO conversations (number, type, status, state, folder_id, mailbox_id, source_via, source_type, subject, created_at, updated_at)
       SELECT 100 + i, 'email', 'active', 'published', (SELECT id FROM folders WHERE mailbox_id = 1 AND type = 1 AND user_id IS NULL), 1, 'customer', 'email', 'x', i, i FROM n`,
    ).run();
    await env.DB.prepare("INSERT INTO tags (name) VALUES ('common')").run();
    await env.DB.prepare(
      "INSERT INTO conversation_tags (conversation_id, tag_id) SELECT id, (SELECT id FROM tags WHERE name = 'common') FROM conversations WHERE number > 100",
    ).run();
    const services = testServices();
    expect(await tagPlan(services, { name: "common", pageSize: 50 })).toBe("scan");
    expect(await tagPlan(services, { name: "refund", pageSize: 50 })).toBe("lookup");
    expect(await tagPlan(services, { name: "no-such-tag", pageSize: 50 })).toBe("lookup");
  });
});

/** The reads of Update/Delete Thread and List Conversation Attachments scan no table and sort nothing. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { attachmentStatements } from "../attachments/list";
import { threadReadStatements } from "./reads";

type Statement = { toSQL(): { sql: string; params: unknown[] } };

async function plans(statements: Statement[]) {
  return Promise.all(
    statements.map(async (statement) => {
      const { sql, params } = statement.toSQL();
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      return results.map((row) => row.detail);
    }),
  );
}

const problems = (details: string[][]) =>
  details.flat().filter((detail) => /^SCAN \w+$/.test(detail) || detail.includes("TEMP B-TREE"));

describe("query plans", () => {
  it("Update Thread and Delete Thread read by primary key and index", async () => {
    const db = createDb(env.DB);
    const details = await plans(Object.values(threadReadStatements(db, { conversationId: 1, threadId: 3 }, 1)));
    expect(problems(details)).toEqual([]);
    expect(details.flat().join("\n")).toMatch(/thread_edits_thread_idx/);
    expect(details.flat().join("\n")).toMatch(/threads_conversation_created_idx/);
  });

  it("List Conversation Attachments reads through attachments_conversation_idx", async () => {
    const db = createDb(env.DB);
    const details = await plans(Object.values(attachmentStatements(db, 1)));
    expect(problems(details)).toEqual([]);
    expect(details.flat().join("\n")).toMatch(/attachments_conversation_idx/);
  });
});

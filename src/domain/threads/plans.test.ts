/** The reads of Update/Delete Thread and List Conversation Attachments scan no table and sort nothing. */
import { env } from "cloudflare:test";
import { queryPlan } from "@test/support/plans";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { attachmentStatements } from "../attachments/list";
import { threadReadStatements } from "./reads";

const plans = (statements: Parameters<typeof queryPlan>[0][]) => Promise.all(statements.map(queryPlan));

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

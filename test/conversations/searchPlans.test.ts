/**
 * List Conversations' search extensions are served by indexes: custom field values by their
 * look-up table, text by the word index, which also hands its matches over best first and
 * counts them without reading conversations.
 */
import { env } from "cloudflare:test";
import { queryPlan } from "@test/support/plans";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { type ListFilters, plainPageStatement, searchStatements } from "../../src/domain/conversations/list";

const page = { page: 1, size: 50, offset: 0 };
const db = createDb(env.DB);

/** Scans of a table (a constant row or a table-valued function such as json_each is no table). */
/** Scans of tables; the page's own ids (`page_ids`, at most a page, in order) are read whole by design. */
const tableScans = (details: string[]) =>
  details.filter((detail) => /^SCAN (?!CONSTANT ROW)(?!page_ids$)(?!\w+ VIRTUAL TABLE)/.test(detail));

describe("List Conversations' search plans", () => {
  it.each<[string, ListFilters]>([
    ["a dropdown value", { customFields: [{ fieldId: 18, value: "High" }] }],
    ["a date range", { customFields: [{ fieldId: 19, value: "2026-01-01..2026-02-01" }] }],
    [
      "two fields and a mailbox",
      {
        mailboxId: [1],
        customFields: [
          { fieldId: 18, value: "3" },
          { fieldId: 37, value: "Acme" },
        ],
      },
    ],
  ])("custom field filter, %s: looked up by field and value, no table scan", async (_name, filters) => {
    const details = await queryPlan(plainPageStatement(db, filters, { field: "createdAt", order: "desc" }, page));
    expect(details).toContainEqual(
      expect.stringMatching(/USING COVERING INDEX conversation_field_values_lookup_idx \(field_id=\? AND value/),
    );
    expect(tableScans(details)).toEqual([]);
  });

  it("text, ranked: the word index hands its matches over best first; counted in the index alone", async () => {
    const statements = searchStatements(db, { query: "refund" }, { order: "desc" }, page);
    const details = await queryPlan(statements.page);
    expect(details[0]).toMatch(/^SCAN conversation_text_fts VIRTUAL TABLE/);
    expect(details).toContain("SEARCH conversations USING INTEGER PRIMARY KEY (rowid=?)");
    expect(details.filter((detail) => detail.includes("TEMP B-TREE"))).toEqual([]);
    expect(await queryPlan(statements.total)).toEqual([
      expect.stringMatching(/^SCAN conversation_text_fts VIRTUAL TABLE/),
    ]);
  });

  it("text with a tag and a status: matches first, each checked by primary key and the tag's index", async () => {
    const statements = searchStatements(db, { query: "refund tag:vip status:active" }, { order: "desc" }, page);
    for (const details of [await queryPlan(statements.page), await queryPlan(statements.total)]) {
      expect(details[0]).toMatch(/^SCAN conversation_text_fts VIRTUAL TABLE/);
      expect(details).toContainEqual(expect.stringMatching(/USING COVERING INDEX conversation_tags_tag_idx/));
      expect(tableScans(details)).toEqual([]);
      expect(details.filter((detail) => detail.includes("TEMP B-TREE"))).toEqual([]);
    }
  });

  it.each<[string, string]>([
    ["text sorted by a field", "refund"],
    ["text OR a tag", "refund OR tag:vip"],
    ["a tag and a status, no text", "tag:vip status:active"],
    ["NOT text with a mailbox", "mailbox:1 NOT refund"],
  ])("%s: no table scan", async (_name, query) => {
    const statements = searchStatements(db, { query }, { field: "createdAt", order: "desc" }, page);
    expect(tableScans(await queryPlan(statements.page))).toEqual([]);
  });
});

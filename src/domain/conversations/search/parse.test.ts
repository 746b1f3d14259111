import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conversationStatuses } from "../../../lib/vocabulary";
import { MAX_TERMS, type SearchNode, SearchSyntaxError } from "./ast";
import { ftsExpression } from "./fts";
import { parseQuery } from "./parse";
import { printQuery } from "./print";

const text = (value: string, field: "any" | "subject" | "body" = "any"): SearchNode => ({ kind: "text", field, value });

function syntaxError(query: string): string {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof SearchSyntaxError) return error.message;
    throw error;
  }
  throw new Error(`${query} parsed`);
}

describe("parseQuery", () => {
  it.each<[string, SearchNode]>([
    ["refund", text("refund")],
    ["refund invoice", { kind: "and", items: [text("refund"), text("invoice")] }],
    ['"credit card"', text("credit card")],
    ["a AND b", { kind: "and", items: [text("a"), text("b")] }],
    ["a OR b c", { kind: "or", items: [text("a"), { kind: "and", items: [text("b"), text("c")] }] }],
    ["NOT a b", { kind: "and", items: [{ kind: "not", item: text("a") }, text("b")] }],
    ["(a OR b) c", { kind: "and", items: [{ kind: "or", items: [text("a"), text("b")] }, text("c")] }],
    ["and or not", { kind: "and", items: [text("and"), text("or"), text("not")] }],
    ["subject:late", text("late", "subject")],
    ['body:"my order"', text("my order", "body")],
    ["Tag:VIP", { kind: "tag", value: "VIP" }],
    ["email:ann@example.org", { kind: "email", value: "ann@example.org" }],
    ["status:Closed", { kind: "status", value: "closed" }],
    ["mailbox:3", { kind: "mailbox", id: 3 }],
    ["assigned:none", { kind: "assigned", id: null }],
    ["assigned:12", { kind: "assigned", id: 12 }],
    ['customField:7:"Gold member"', { kind: "customField", fieldId: 7, value: "Gold member" }],
    ["customField:7:2026-01-01..2026-02-01", { kind: "customField", fieldId: 7, value: "2026-01-01..2026-02-01" }],
    ["http://example.org", text("http://example.org")],
    ['"say \\"hi\\" \\\\o/"', text('say "hi" \\o/')],
    ["(tag:vip)", { kind: "tag", value: "vip" }],
  ])("%s", (query, tree) => {
    expect(parseQuery(query)).toEqual(tree);
  });

  it.each([
    ["status:active tag:", 'Expected a value after "tag:" at position 15'],
    ['tag:""', 'Expected a value after "tag:" at position 1'],
    ["status:open", 'Expected active, pending, closed or spam after "status:" at position 1'],
    ["mailbox:x", 'Expected a mailbox id after "mailbox:" at position 1'],
    ["assigned:me", 'Expected a user id or "none" after "assigned:" at position 1'],
    ["customField:x:1", 'Expected a custom field id and ":" after "customField:" at position 1'],
    ["customField:3", 'Expected a custom field id and ":" after "customField:" at position 1'],
    ['a "open', "Missing the closing quote of the phrase starting at position 3"],
    ["(a OR b", 'Missing ")" for the "(" at position 1'],
    ["a AND", 'Expected a search term after "AND" at position 6'],
    ["OR a", 'Expected a search term before "OR" at position 1'],
    ["a ()", 'Expected a search term before ")" at position 4'],
    ["a)", 'Unexpected ")" at position 2'],
    ["tag:vip)", 'Unexpected ")" at position 8'],
    ["--", "Expected letters or digits to search for at position 1"],
    ["", "Expected a search term at position 1"],
    [Array.from({ length: MAX_TERMS + 1 }, () => "a").join(" "), `More than ${MAX_TERMS} terms at position 41`],
    [`${"(".repeat(17)}a${")".repeat(17)}`, "Nested more than 16 levels deep at position 17"],
  ])("refuses %s", (query, message) => {
    expect(syntaxError(query)).toBe(message);
  });
});

describe("ftsExpression", () => {
  it("quotes every term and keeps FTS5's NOT binary", () => {
    expect(ftsExpression(parseQuery('refund subject:"late order" NOT body:spam'))).toBe(
      '(("refund") AND (subject : "late order")) NOT ((body : "spam"))',
    );
    expect(ftsExpression(parseQuery('a OR "say \\"hi\\""'))).toBe('("a") OR ("say ""hi""")');
    expect(ftsExpression(parseQuery("NOT a"))).toBeNull();
    expect(ftsExpression(parseQuery("a tag:x"))).toBeNull();
  });
});

/** Values drawn from characters that matter to the language: quotes, backslashes, parentheses, colons. */
const chars = fc.constantFrom("a", "Z", "é", "1", " ", '"', "\\", "(", ")", ":", "-", "*");
const raw = fc.string({ unit: chars, minLength: 1, maxLength: 8 });
const words = fc.oneof(
  raw.filter((value) => /[\p{L}\p{N}]/u.test(value)),
  fc.constantFrom("AND", "OR", "NOT", "tag:x", "Subject:y", "and"),
);
const value = raw.filter((v) => v.trim() !== "");

const term: fc.Arbitrary<SearchNode> = fc.oneof(
  fc.record({ kind: fc.constant("text"), field: fc.constantFrom("any", "subject", "body"), value: words }),
  fc.record({ kind: fc.constantFrom("email", "tag"), value: value.map((v) => v.trim()) }),
  fc.record({ kind: fc.constant("status"), value: fc.constantFrom(...conversationStatuses) }),
  fc.record({ kind: fc.constant("customField"), fieldId: fc.nat(999), value }),
  fc.record({ kind: fc.constant("mailbox"), id: fc.nat(999) }),
  fc.record({ kind: fc.constant("assigned"), id: fc.option(fc.nat(999), { nil: null }) }),
) as fc.Arbitrary<SearchNode>;

const { tree } = fc.letrec<{ tree: SearchNode }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    term,
    fc.record({ kind: fc.constantFrom("and", "or"), items: fc.array(tie("tree"), { minLength: 2, maxLength: 3 }) }),
    fc.record({ kind: fc.constant("not"), item: tie("tree") }),
  ) as fc.Arbitrary<SearchNode>,
}));

describe("printQuery", () => {
  it("prints a tree as a query that parses to the same tree", () => {
    fc.assert(
      fc.property(
        tree.filter((node) => JSON.stringify(node).length < 2000),
        (node) => {
          try {
            expect(parseQuery(printQuery(node))).toEqual(node);
          } catch (error) {
            // Random trees may exceed the language's limits; those are refused, never misread.
            if (error instanceof SearchSyntaxError && /More than|Nested/.test(error.message)) return;
            throw error;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

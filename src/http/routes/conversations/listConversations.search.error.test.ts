import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(resetToDemoData);

const list = (query: Record<string, string>) => get(`/api/conversations?${new URLSearchParams(query)}`);

describe("List Conversations: query errors", () => {
  it.each([
    ["status:active tag:", 'Expected a value after "tag:" at position 15'],
    ["refund AND", 'Expected a search term after "AND" at position 11'],
    ["(refund OR invoice", 'Missing ")" for the "(" at position 1'],
    ['subject:"late', "Missing the closing quote of the phrase starting at position 9"],
    ["status:open", 'Expected active, pending, closed or spam after "status:" at position 1'],
    ["refund assigned:me", 'Expected a user id or "none" after "assigned:" at position 8'],
    ["!!!", "Expected letters or digits to search for at position 1"],
  ])("400 for %j, naming the position", async (query, message) => {
    const res = await list({ query });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ path: "query", message, rejectedValue: query, source: "QUERY" }]);
  });

  it("400 for a custom field the query names that does not exist or cannot take the value", async () => {
    const query = "refund customField:99:x OR customField:18:Urgent";
    const res = await list({ query });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([
      { path: "query", message: "Unknown custom field 99 at position 8", rejectedValue: query, source: "QUERY" },
      {
        path: "query",
        message: "Expected an option id or label of Priority: 1 (Low), 2 (Medium), 3 (High) at position 28",
        rejectedValue: query,
        source: "QUERY",
      },
    ]);
  });

  it("400 for a query too long or with control characters", async () => {
    expect((await list({ query: "a ".repeat(501) })).status).toBe(400);
    const res = await list({ query: "refund\u0000" });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]!.path).toBe("query");
  });
});

describe("List Conversations: customField[ID] errors", () => {
  it.each([
    ["customField[99]", "x", "Unknown custom field 99"],
    ["customField[18]", "Urgent", "Expected an option id or label of Priority: 1 (Low), 2 (Medium), 3 (High)"],
    ["customField[19]", "March", "Expected a day (YYYY-MM-DD) or a range FROM..TO for Purchase Date"],
    ["customField[19]", "2026-02-30", "Expected a day (YYYY-MM-DD) or a range FROM..TO for Purchase Date"],
    ["customField[19]", "2026-03-01..2026-01-01", "The range 2026-03-01..2026-01-01 ends before it starts"],
    ["customField[37]", "2026-01-01..", "A range FROM..TO applies to date fields only; Vendor is not one"],
  ])("400 for %s=%s", async (key, value, message) => {
    const res = await list({ [key]: value });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ path: key, message, rejectedValue: value, source: "QUERY" }]);
  });

  it("400 for a key that is no field id, a nested key, or too many fields; every problem at once", async () => {
    const res = await get("/api/conversations?customField[abc]=1&customField[18][]=1");
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((error) => error.path)).toEqual(["customField[18][]"]);
    const bad = await list({ "customField[abc]": "1", "customField[99]": "x" });
    expect(errorsOf(bad).map((error) => error.path)).toEqual(["customField[abc]"]);
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`customField[${i + 100}]`, "x"]));
    expect(errorsOf(await list(many)).map((error) => error.path)).toEqual(["customField"]);
  });
});

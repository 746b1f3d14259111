import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Customers search errors", () => {
  it.each([
    [{ emailContains: "ab" }, "emailContains"],
    [{ emailContains: "" }, "emailContains"],
    [{ emailContains: "x".repeat(192) }, "emailContains"],
    [{ emailContains: "ab\u0000c" }, "emailContains"],
    [{ emailDomain: "x".repeat(192) }, "emailDomain"],
    [{ emailDomain: "example.org\u0000" }, "emailDomain"],
    [{ "customerField[abc]": "1" }, "customerField[abc]"],
    [{ "customerField[0]": "1" }, "customerField[0]"],
    [{ "customerField[-1]": "1" }, "customerField[-1]"],
    [{ "customerField[2]": "x".repeat(256) }, "customerField[2]"],
    [{ "customerField[2]": "a\u0007b" }, "customerField[2]"],
    [{ "customerField[2][]": "1" }, "customerField[2][]"],
  ])("400 in the envelope for %o", async (query, path) => {
    const res = await get("/api/customers", { query });
    expect(res.status).toBe(400);
    const errors = errorsOf(res);
    expect(errors).toContainEqual(expect.objectContaining({ path, source: "QUERY" }));
  });

  it("names every bad customerField at once", async () => {
    const res = await get(`/api/customers?customerField[x]=1&customerField[2]=ok&customerField[3]=${"y".repeat(300)}`);
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toEqual(["customerField[x]", "customerField[3]"]);
  });

  it("refuses more than 10 customer fields", async () => {
    const query = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`customerField[${i + 1}]`, "1"]));
    const res = await get("/api/customers", { query });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toMatchObject([{ path: "customerField", source: "QUERY" }]);
  });

  it("a plain customerField (no id) is refused, not ignored", async () => {
    const res = await get("/api/customers", { query: { customerField: "1" } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]).toMatchObject({ path: "customerField", source: "QUERY" });
  });
});

import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Users errors", () => {
  it.each([
    ["an email filter over 191 characters", { email: `${"x".repeat(180)}@example.org` }, "email"],
    ["a control character in the email filter", { email: "a\u0000@example.org" }, "email"],
  ])("400 for %s", async (_name, query, path) => {
    const res = await get("/api/users", { query });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([expect.objectContaining({ path, source: "QUERY" })]);
  });
});

import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Customers errors", () => {
  it.each([
    [{ updatedSince: "yesterday" }, "updatedSince"],
    [{ updatedSince: "2021-13-45T00:00:00Z" }, "updatedSince"],
    [{ firstName: "x".repeat(41) }, "firstName"],
    [{ email: "x".repeat(192) }, "email"],
  ])("400 in the envelope for %o", async (query, path) => {
    const res = await get("/api/customers", { query });
    expect(res.status).toBe(400);
    const [error] = errorsOf(res);
    expect(error).toMatchObject({ path, source: "QUERY" });
  });
});

import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Get Customer errors", () => {
  it("404 in the envelope for an unknown id", async () => {
    const res = await get("/api/customers/999");
    expect(res.status).toBe(404);
    expect(errorsOf(res)).toEqual([
      { path: "customerId", message: "Resource not found", rejectedValue: 999, source: "PATH" },
    ]);
  });

  it.each(["abc", "0", "-1", "1.5", "99999999999999999999"])("404 for the id %s", async (id) => {
    const res = await get(`/api/customers/${id}`);
    expect(res.status).toBe(404);
    errorsOf(res);
  });
});

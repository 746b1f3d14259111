import { del, errorsOf, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { rowCounts } from "@test/support/erasure";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const customer = async () =>
  (await post("/api/customers", { firstName: "Kept", emails: [{ value: "kept@example.org" }] })).json.id as number;

describe("Delete Customer refuses", () => {
  it("an id that is neither a customer nor erased: 404, nothing changes", async () => {
    const before = await rowCounts();
    const res = await del("/api/customers/999999");
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "customerId", source: "PATH" });
    expect((await del("/api/customers/abc")).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("an unknown conversations value: 400 naming it, nothing changes", async () => {
    const id = await customer();
    const before = await rowCounts();
    const res = await del(`/api/customers/${id}`, { query: { conversations: "archive" } });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toEqual(["conversations"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("a byUserId that is not an active user: 400, nothing changes", async () => {
    const id = await customer();
    const before = await rowCounts();
    for (const byUserId of ["424242", "seven"]) {
      const res = await del(`/api/customers/${id}`, { query: { byUserId } });
      expect(res.status).toBe(400);
      expect(errorsOf(res)[0]).toMatchObject({ path: "byUserId", source: "QUERY" });
    }
    expect(await rowCounts()).toEqual(before);
  });
});

import { del, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { erasureFixture, objectsLeft, rowCounts } from "@test/support/erasure";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Delete Customer security", () => {
  it("a bad or missing API key: 401, nothing is erased", async () => {
    const fixture = await erasureFixture();
    const before = await rowCounts();
    for (const key of ["0".repeat(32), null]) {
      const res = await del(`/api/customers/${fixture.customerId}`, { key, query: { conversations: "delete" } });
      expect(res.status).toBe(401);
    }
    expect(await rowCounts()).toEqual(before);
    expect(await objectsLeft(fixture.objectKeys)).toEqual(fixture.objectKeys);
    expect((await get(`/api/customers/${fixture.customerId}`)).status).toBe(200);
  });
});

import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Get Customer security", () => {
  it("is 401 without a key or with a wrong one, and shows nothing", async () => {
    for (const key of [null, "c2ba609c687a3425402b9d881e5075dc"]) {
      const res = await get("/api/customers/1", { key });
      expect(res.status).toBe(401);
      expect(res.text).not.toContain("Rodney");
    }
  });

  it("does not read SQL in the id", async () => {
    expect((await get("/api/customers/1%20OR%201=1")).status).toBe(404);
    expect((await get("/api/customers/1;DROP%20TABLE%20customers")).status).toBe(404);
    expect((await get("/api/customers/1")).status).toBe(200);
  });
});

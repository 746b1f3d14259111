import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(resetToDemoData);

describe("Ping (extension)", () => {
  it("answers ok with a valid key and 401 without", async () => {
    const res = await get("/api/ping");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok" });
    expect((await get("/api/ping", { key: null })).status).toBe(401);
  });
});

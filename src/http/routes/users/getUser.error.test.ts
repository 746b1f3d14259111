import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Get User errors", () => {
  it("404 for an unknown user, naming the id", async () => {
    const res = await get("/api/users/999");
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "userId", rejectedValue: 999 });
  });

  it.each(["abc", "0", "-1", "1.5"])("404 for the id %s, which names no user", async (id) => {
    const res = await get(`/api/users/${id}`);
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "userId", source: "PATH", message: "must be a positive integer" });
  });
});

import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Get Conversation errors", () => {
  it("404 for an unknown or malformed id", async () => {
    for (const id of ["999", "abc", "0", "-1"]) {
      const res = await get(`/api/conversations/${id}`);
      expect(res.status).toBe(404);
      expect(errorsOf(res)[0]).toMatchObject({ path: "conversationId", source: "PATH" });
    }
  });

  it("401 without a key", async () => {
    expect((await get("/api/conversations/1", { key: null })).status).toBe(401);
  });
});

import { del, errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Delete Conversation errors", () => {
  it("404 for an unknown conversation, and a second delete is 404", async () => {
    expect((await del("/api/conversations/1")).status).toBe(204);
    const again = await del("/api/conversations/1");
    expect(again.status).toBe(404);
    expect(errorsOf(again)[0]).toMatchObject({ path: "conversationId", rejectedValue: 1 });
  });

  it("401 without a key, and nothing is deleted", async () => {
    expect((await del("/api/conversations/1", { key: null })).status).toBe(401);
    expect((await get("/api/conversations/1")).status).toBe(200);
  });
});

import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Conversation Attachments refuses", () => {
  it.each(["999", "0", "abc"])("an unknown conversation (%s): 404", async (id) => {
    const res = await get(`/api/conversations/${id}/attachments`);
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]!.path).toBe("conversationId");
  });

  it("without a valid key: 401", async () => {
    expect((await get("/api/conversations/1/attachments", { key: "wrong" })).status).toBe(401);
  });
});

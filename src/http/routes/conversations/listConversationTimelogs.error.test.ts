import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Conversation Timelogs errors", () => {
  it("an unknown conversation has no timelogs: 200 and an empty list (as FreeScout's module)", async () => {
    const res = await get("/api/conversations/999/timelogs");
    expect(res.status).toBe(200);
    expect(res.json._embedded.timelogs).toEqual([]);
    expect(res.json.page.totalElements).toBe(0);
  });

  it("404 for an id that is not one", async () => {
    expect((await get("/api/conversations/abc/timelogs")).status).toBe(404);
  });
});

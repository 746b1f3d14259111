import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Conversation Timelogs", () => {
  it("lists the document's example newest first, paged", async () => {
    const res = await get("/api/conversations/1/timelogs", { query: { page: 1, pageSize: 100 } });
    expect(res.status).toBe(200);
    expect(res.json._embedded.timelogs.map((t: { id: number }) => t.id)).toEqual([2, 1]);
    expect(res.json.page).toEqual({ size: 100, totalElements: 2, totalPages: 1, number: 1 });
    const one = await get("/api/conversations/1/timelogs", { query: { page: 2, pageSize: 1 } });
    expect(one.json._embedded.timelogs.map((t: { id: number }) => t.id)).toEqual([1]);
  });

  it("an empty page for a conversation without timelogs", async () => {
    const res = await get("/api/conversations/7/timelogs");
    expect(res.status).toBe(200);
    expect(res.json._embedded.timelogs).toEqual([]);
    expect(res.json.page).toMatchObject({ totalElements: 0, totalPages: 1, number: 1 });
  });
});

import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Timelog", () => {
  it("records a timelog (extension) with the conversation's status by default", async () => {
    const res = await post("/api/conversations/1/timelogs", { userId: 7, timeSpent: 300 });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      conversationId: 1,
      userId: 7,
      timeSpent: 300,
      conversationStatus: "active",
      paused: false,
      finished: true,
    });
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    expect((await get("/api/conversations/1/timelogs")).json._embedded.timelogs[0].id).toBe(res.json.id);
  });

  it("keeps the given status and flags, also as PHP clients send them", async () => {
    const res = await post("/api/conversations/1/timelogs", {
      userId: "7",
      timeSpent: 60,
      paused: "1",
      finished: "0",
      conversationStatus: "pending",
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ userId: 7, conversationStatus: "pending", paused: true, finished: false });
    const listed = (await get("/api/conversations/1/timelogs")).json._embedded.timelogs[0];
    expect(listed).toEqual(res.json);
  });
});

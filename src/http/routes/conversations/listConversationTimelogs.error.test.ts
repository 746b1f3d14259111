import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Conversation Timelogs errors", () => {
  it("404 for an unknown conversation or an id that is not one", async () => {
    expect((await get("/api/conversations/999/timelogs")).status).toBe(404);
    expect((await get("/api/conversations/abc/timelogs")).status).toBe(404);
  });
});

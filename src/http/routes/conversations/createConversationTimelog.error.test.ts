import { env } from "cloudflare:test";
import { errorsOf, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const timelogCount = async () => (await env.DB.prepare("SELECT count(*) AS n FROM timelogs").first<{ n: number }>())!.n;

describe("Create Timelog errors", () => {
  it("400 for an unknown user or negative time; 404 for an unknown conversation; nothing is written", async () => {
    const before = await timelogCount();
    expect(errorsOf(await post("/api/conversations/1/timelogs", { userId: 999, timeSpent: 1 }))[0]!.path).toBe(
      "userId",
    );
    expect(errorsOf(await post("/api/conversations/1/timelogs", { userId: 7, timeSpent: -1 }))[0]!.path).toBe(
      "timeSpent",
    );
    expect((await post("/api/conversations/999/timelogs", { userId: 7, timeSpent: 1 })).status).toBe(404);
    expect(await timelogCount()).toBe(before);
  });

  it("400 for a missing userId, a fractional time or an unknown status", async () => {
    expect(errorsOf(await post("/api/conversations/1/timelogs", { timeSpent: 1 }))[0]!.path).toBe("userId");
    expect(errorsOf(await post("/api/conversations/1/timelogs", { userId: 7, timeSpent: 1.5 }))[0]!.path).toBe(
      "timeSpent",
    );
    expect(
      errorsOf(await post("/api/conversations/1/timelogs", { userId: 7, timeSpent: 1, conversationStatus: "open" }))[0]!
        .path,
    ).toBe("conversationStatus");
  });
});

import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Mailboxes errors", () => {
  it("400 for a userId that is not a number", async () => {
    const res = await get("/api/mailboxes", { query: { userId: "seven" } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([expect.objectContaining({ path: "userId", source: "QUERY" })]);
  });
});

import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(resetToDemoData);

describe("List Conversations errors", () => {
  it.each([
    ["mailboxId", { mailboxId: "1,x" }],
    ["createdSince", { createdSince: "yesterday" }],
  ])("400 for a bad %s", async (path, query) => {
    const res = await get("/api/conversations", { query });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]!.path).toMatch(new RegExp(`^${path}`));
    expect(errorsOf(res)[0]!.source).toBe("QUERY");
  });
});

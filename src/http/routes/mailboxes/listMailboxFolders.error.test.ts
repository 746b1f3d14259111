import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Mailbox Folders errors", () => {
  it("404 for an unknown mailbox, naming it", async () => {
    const res = await get("/api/mailboxes/99/folders");
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "mailboxId", rejectedValue: 99 });
  });

  it.each([
    ["a userId that is not a number", { userId: "x" }, "userId"],
    ["a folderId that is not a number", { folderId: "inbox" }, "folderId"],
  ])("400 for %s", async (_name, query, path) => {
    const res = await get("/api/mailboxes/1/folders", { query });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([expect.objectContaining({ path, source: "QUERY" })]);
  });
});

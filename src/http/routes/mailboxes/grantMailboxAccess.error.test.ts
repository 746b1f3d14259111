import { errorsOf, get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Grant Mailbox Access errors", () => {
  it("404 when granting access to an unknown user or mailbox", async () => {
    expect(errorsOf(await put("/api/mailboxes/1/users/999", {}))[0]).toMatchObject({ path: "userId" });
    expect(errorsOf(await put("/api/mailboxes/999/users/7", {}))[0]).toMatchObject({ path: "mailboxId" });
  });

  it("an unknown user gets no access and no folders", async () => {
    expect((await put("/api/mailboxes/1/users/999", {})).status).toBe(404);
    // (List Mailboxes shows an unknown user every mailbox, as FreeScout: the folders tell.)
    expect((await get("/api/mailboxes/1/folders?userId=999")).json.page.totalElements).toBe(6);
  });
});

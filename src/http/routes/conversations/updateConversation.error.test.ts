import { errorsOf, get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Update Conversation errors", () => {
  it.each([
    ["status without byUser", { status: "closed" }, "byUser"],
    ["assignTo without byUser", { assignTo: 7 }, "byUser"],
    ["mailboxId without byUser", { mailboxId: 2 }, "byUser"],
    ["an unknown byUser", { byUser: 999, status: "closed" }, "byUser"],
    ["an unknown mailbox", { byUser: 33, mailboxId: 999 }, "mailboxId"],
    ["an unknown customer", { customerId: 999 }, "customerId"],
  ])("400 for %s, and nothing changes", async (_name, body, path) => {
    const before = (await get("/api/conversations/1")).json;
    const res = await put("/api/conversations/1", body);
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]!.path).toBe(path);
    expect((await get("/api/conversations/1")).json).toEqual(before);
  });

  it("a failing later change leaves the earlier ones unapplied", async () => {
    const before = (await get("/api/conversations/1")).json;
    const res = await put("/api/conversations/1", { byUser: 33, status: "closed", mailboxId: 999 });
    expect(res.status).toBe(400);
    expect((await get("/api/conversations/1")).json).toEqual(before);
  });

  it("404 for an unknown conversation", async () => {
    expect((await put("/api/conversations/999", { subject: "x" })).status).toBe(404);
  });
});

import { del, get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Revoke Mailbox Access", () => {
  it("revokes access and keeps the user's personal folders", async () => {
    const user = await post("/api/users", { firstName: "New", lastName: "Agent", email: "new@example.org" });
    const userId = user.json.id;
    await put(`/api/mailboxes/2/users/${userId}`, {});
    expect((await del(`/api/mailboxes/2/users/${userId}`)).status).toBe(204);
    expect((await get(`/api/mailboxes?userId=${userId}`)).json.page.totalElements).toBe(0);
    const folders = await get(`/api/mailboxes/2/folders?userId=${userId}`);
    expect(folders.json._embedded.folders.filter((f: { userId: number }) => f.userId === userId)).toHaveLength(2);
  });
});

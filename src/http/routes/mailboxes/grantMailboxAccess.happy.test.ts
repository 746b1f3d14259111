import { get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Grant Mailbox Access", () => {
  it("grants access with personal folders, idempotently", async () => {
    const user = await post("/api/users", { firstName: "New", lastName: "Agent", email: "new@example.org" });
    const userId = user.json.id;
    expect((await put(`/api/mailboxes/2/users/${userId}`, {})).status).toBe(204);
    expect((await put(`/api/mailboxes/2/users/${userId}`, {})).status).toBe(204);
    expect(
      (await get(`/api/mailboxes?userId=${userId}`)).json._embedded.mailboxes.map((m: { id: number }) => m.id),
    ).toEqual([2]);
    const folders = await get(`/api/mailboxes/2/folders?userId=${userId}`);
    expect(
      folders.json._embedded.folders
        .filter((f: { userId: number }) => f.userId === userId)
        .map((f: { type: number }) => f.type),
    ).toEqual([20, 25]);
  });
});

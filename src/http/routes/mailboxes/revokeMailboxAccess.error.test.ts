import { del, errorsOf, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Revoke Mailbox Access errors", () => {
  it("404 when the user has no access (any more)", async () => {
    const user = await post("/api/users", { firstName: "New", lastName: "Agent", email: "new@example.org" });
    const userId = user.json.id;
    expect((await del(`/api/mailboxes/2/users/${userId}`)).status).toBe(404);
    await put(`/api/mailboxes/2/users/${userId}`, {});
    expect((await del(`/api/mailboxes/2/users/${userId}`)).status).toBe(204);
    const again = await del(`/api/mailboxes/2/users/${userId}`);
    expect(again.status).toBe(404);
    expect(errorsOf(again)[0]).toMatchObject({ path: "userId", rejectedValue: userId });
  });

  it("404 for an unknown mailbox or user", async () => {
    expect((await del("/api/mailboxes/999/users/7")).status).toBe(404);
    expect((await del("/api/mailboxes/1/users/999")).status).toBe(404);
  });
});

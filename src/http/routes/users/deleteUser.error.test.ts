import { env } from "cloudflare:test";
import { del, errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const snapshot = async () =>
  (await env.DB.prepare(
    `SELECT (SELECT json_group_array(json_array(id, email, status)) FROM users) AS users,
        (SELECT count(*) FROM mailbox_users) AS access, (SELECT count(*) FROM folders) AS folders,
        (SELECT json_group_array(json_array(id, assignee_id, folder_id)) FROM conversations) AS conversations,
        (SELECT count(*) FROM threads) AS threads`,
  ).first())!;

describe("Delete User errors", () => {
  it("404 for an unknown user, before byUserId is looked at", async () => {
    const res = await del("/api/users/999?byUserId=nope");
    expect(res.status).toBe(404);
  });

  it("400 when the user is already deleted", async () => {
    expect((await del("/api/users/7?byUserId=1")).status).toBe(204);
    const before = await snapshot();
    const res = await del("/api/users/7?byUserId=1");
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]?.message).toBe("User is already deleted: 7");
    expect(await snapshot()).toEqual(before);
  });

  it("400 for the last admin, and nothing changes", async () => {
    const before = await snapshot();
    const res = await del("/api/users/1?byUserId=7");
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]?.message).toBe("Administrator can not be deleted");
    expect(await snapshot()).toEqual(before);
  });

  it("a deleted admin does not count as the other admin", async () => {
    await env.DB.prepare("UPDATE users SET role = 'admin' WHERE id = 33").run();
    expect((await del("/api/users/33?byUserId=1")).status).toBe(204);
    expect((await del("/api/users/1?byUserId=7")).status).toBe(400);
  });

  it("400 when byUserId is missing, not an id, unknown or a deleted user; nothing changes", async () => {
    await del("/api/users/15?byUserId=1");
    const before = await snapshot();
    for (const query of ["", "?byUserId=", "?byUserId=abc", "?byUserId=999", "?byUserId=15"]) {
      const res = await del(`/api/users/7${query}`);
      expect(res.status).toBe(400);
      expect(errorsOf(res)[0]).toMatchObject({ path: "byUserId" });
    }
    expect(await snapshot()).toEqual(before);
    expect((await get("/api/users/7")).json.email).toBe("sam@support.example.org");
  });

  it("assignTo naming an unknown, a deleted user or the user itself unassigns (no phantom assignee)", async () => {
    await del("/api/users/15?byUserId=1");
    for (const target of [999, 15, 7, -1]) {
      await resetToDemoData();
      if (target === 15) await del("/api/users/15?byUserId=1");
      // Conversation 7 (mailbox 1) is assigned to user 7.
      expect((await del(`/api/users/7?byUserId=1&assignTo[1]=${target}`)).status).toBe(204);
      expect((await get("/api/conversations/7")).json.assignee).toBeNull();
    }
  });
});

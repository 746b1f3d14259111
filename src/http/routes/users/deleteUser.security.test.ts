import { call, del, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Delete User security", () => {
  it("needs the API key: without it nothing is deleted", async () => {
    const res = await call("DELETE", "/api/users/7?byUserId=1", { key: null });
    expect(res.status).toBe(401);
    expect((await get("/api/users/7")).json.email).toBe("sam@support.example.org");
  });

  it("assignTo keys that are not mailbox ids are ignored, never used as SQL", async () => {
    const res = await del("/api/users/7?byUserId=1&assignTo[1%20OR%201=1]=33&assignTo[__proto__]=33");
    expect(res.status).toBe(204);
    expect((await get("/api/conversations/7")).json.assignee).toBeNull();
    expect((await get("/api/conversations/1")).json.assignee).toMatchObject({ id: 1 });
  });
});

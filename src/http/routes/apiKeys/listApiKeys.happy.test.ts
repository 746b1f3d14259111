import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List API Keys", () => {
  it("lists every key with its scope, never the key", async () => {
    await post("/api/api-keys", { name: "reports", scope: "read" });
    const res = await get("/api/api-keys");
    expect(res.status).toBe(200);
    const listed = res.json._embedded.apiKeys;
    expect(listed.at(-1)).toMatchObject({ name: "reports", scope: "read", mailboxes: null, revokedAt: null });
    expect(JSON.stringify(res.json)).not.toMatch(/"key"|key_hash|keyHash/);
    expect(res.json.page.totalElements).toBe(listed.length);
  });
});

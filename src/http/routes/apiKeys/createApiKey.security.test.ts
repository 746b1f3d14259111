import { env } from "cloudflare:test";
import { errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const keys = async () => (await env.DB.prepare("SELECT count(*) AS n FROM api_keys").first<{ n: number }>())!.n;

describe("Create API Key security", () => {
  it("only a full key manages keys: read-only and mailbox-limited keys get 403 and make none", async () => {
    const readOnly = (await post("/api/api-keys", { name: "r", scope: "read" })).json.key;
    const limited = (await post("/api/api-keys", { name: "l", mailboxes: [1] })).json.key;
    const before = await keys();
    for (const key of [readOnly, limited]) {
      const res = await post("/api/api-keys", { name: `escalate ${key}` }, { key });
      expect(res.status).toBe(403);
      expect(errorsOf(res)[0]!.message).toBe("Only a full API key may manage API keys");
      expect((await get("/api/api-keys", { key })).status).toBe(403);
    }
    expect(await keys()).toBe(before);
  });

  it("401 without a valid key", async () => {
    expect((await post("/api/api-keys", { name: "x" }, { key: "nope" })).status).toBe(401);
  });
});

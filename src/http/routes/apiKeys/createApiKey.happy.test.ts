import { env } from "cloudflare:test";
import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create API Key", () => {
  it("answers the key once; it works at once with its scope; only its hash is stored", async () => {
    const res = await post("/api/api-keys", { name: "reports", scope: "read", mailboxes: [2, 2] });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: "reports", scope: "read", mailboxes: [2], revokedAt: null });
    expect(res.json.key).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    const stored = await env.DB.prepare("SELECT key_hash FROM api_keys WHERE id = ?").bind(res.json.id).first();
    expect(stored!.key_hash).not.toContain(res.json.key);
    expect((await get("/api/mailboxes", { key: res.json.key })).json._embedded.mailboxes).toHaveLength(1);
  });

  it("makes a full key by default", async () => {
    const res = await post("/api/api-keys", { name: "n8n" });
    expect(res.json).toMatchObject({ scope: "full", mailboxes: null });
    expect((await post("/api/api-keys", { name: "made by n8n" }, { key: res.json.key })).status).toBe(201);
  });
});

import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { forgetVerifiedKeys } from "../src/http/middleware/auth";
import { call, DEMO_KEY, errorsOf, get } from "./support/api";
import { resetToDemoData } from "./support/db";

beforeEach(async () => {
  forgetVerifiedKeys();
  await resetToDemoData();
});

describe("authentication", () => {
  it("accepts the key in the X-FreeScout-API-Key header", async () => {
    expect((await get("/api/users/1")).status).toBe(200);
  });

  it("accepts the header name in any case", async () => {
    const res = await get("/api/users/1", { key: null, headers: { "x-freescout-api-key": DEMO_KEY } });
    expect(res.status).toBe(200);
  });

  it("accepts the key as the api_key query parameter", async () => {
    expect((await get(`/api/users/1?api_key=${DEMO_KEY}`, { key: null })).status).toBe(200);
  });

  it("accepts the key as the HTTP Basic user name with any password", async () => {
    const authorization = `Basic ${btoa(`${DEMO_KEY}:randompassword`)}`;
    expect((await get("/api/users/1", { key: null, headers: { authorization } })).status).toBe(200);
  });

  it.each([
    ["no key", {}],
    ["a wrong key", { "X-FreeScout-API-Key": "0".repeat(32) }],
    ["a wrong Basic user", { authorization: `Basic ${btoa("wrong:pw")}` }],
    ["Basic with the key as password only", { authorization: `Basic ${btoa(`:${DEMO_KEY}`)}` }],
    ["a Bearer token", { authorization: `Bearer ${DEMO_KEY}` }],
    ["malformed Basic", { authorization: "Basic %%%" }],
  ])("answers 401 in the error envelope for %s", async (_name, headers) => {
    const res = await call("GET", "/api/users/1", { key: null, headers });
    expect(res.status).toBe(401);
    expect(errorsOf(res)[0]).toMatchObject({ path: "api_key", source: "HEADER" });
    expect(res.json).toMatchObject({ message: "Not authorized", errorCode: "NOT AUTHORIZED" });
  });

  it("does not authenticate with a key in the JSON body", async () => {
    const res = await call("POST", "/api/users", {
      key: null,
      body: { api_key: DEMO_KEY, firstName: "A", lastName: "B", email: "a@example.org" },
    });
    expect(res.status).toBe(401);
  });

  it("stores only a hash of the key", async () => {
    const row = await env.DB.prepare("SELECT key_hash FROM api_keys WHERE id = 1").first<{ key_hash: string }>();
    expect(row?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.key_hash).not.toContain(DEMO_KEY);
  });

  it("refuses a revoked key", async () => {
    await env.DB.prepare("UPDATE api_keys SET revoked_at = 1 WHERE id = 1").run();
    expect((await get("/api/users/1")).status).toBe(401);
  });

  it("checks the key before anything else, even on unknown routes", async () => {
    expect((await get("/api/nothing-here", { key: null })).status).toBe(401);
  });
});

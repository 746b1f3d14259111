/** Keys are scoped to the API key that sent them. */
import { env } from "cloudflare:test";
import { resetToDemoData } from "@test/support/db";
import { documentExample } from "@test/support/examples";
import { beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { countRows, withKey } from "./helpers";

const OTHER_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

beforeEach(async () => {
  await resetToDemoData();
  await env.DB.prepare("INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (2, 'other', ?, 0)")
    .bind(await sha256Hex(OTHER_KEY))
    .run();
});

describe("Idempotency-Key: per API key", () => {
  it("the same key sent with two API keys is two keys: each does its work and replays its own answer", async () => {
    const conversations = await countRows("conversations");
    const mine = await withKey("shared", "POST", "/api/conversations", { body: documentExample });
    const theirs = await withKey("shared", "POST", "/api/conversations", { body: documentExample, key: OTHER_KEY });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get("Idempotent-Replayed")).toBeNull();
    expect(theirs.headers.get("Resource-ID")).not.toBe(mine.headers.get("Resource-ID"));
    expect(await countRows("conversations")).toBe(conversations + 2);

    const myReplay = await withKey("shared", "POST", "/api/conversations", { body: documentExample });
    const theirReplay = await withKey("shared", "POST", "/api/conversations", {
      body: documentExample,
      key: OTHER_KEY,
    });
    expect(myReplay.headers.get("Resource-ID")).toBe(mine.headers.get("Resource-ID"));
    expect(theirReplay.headers.get("Resource-ID")).toBe(theirs.headers.get("Resource-ID"));
    expect(await countRows("conversations")).toBe(conversations + 2);
  });

  it("another API key's use of a key is not 'another request' for this one", async () => {
    await withKey("k", "POST", "/api/customers", { body: { firstName: "Ida" }, key: OTHER_KEY });
    const res = await withKey("k", "POST", "/api/conversations", { body: documentExample });
    expect(res.status).toBe(201);
  });
});

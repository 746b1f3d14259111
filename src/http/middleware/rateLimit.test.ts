import { env } from "cloudflare:test";
import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

beforeAll(resetToDemoData);
beforeEach(() => {
  env.RATE_LIMIT_PER_MINUTE = "1200";
});
afterEach(() => {
  env.RATE_LIMIT_PER_MINUTE = "0";
  vi.restoreAllMocks();
});

describe("rate limit per API key", () => {
  it("counts every request under the key's id and states the limit", async () => {
    const limit = vi.spyOn(env.API_RATE_LIMITER, "limit");
    const res = await get("/api/users");
    expect(res.status).toBe(200);
    expect(res.headers.get("X-RateLimit-Limit")).toBe("1200");
    expect(limit).toHaveBeenCalledWith({ key: "api-key:1" });
  });

  it("answers 429 in the error envelope with Retry-After and X-RateLimit-* once the binding refuses", async () => {
    vi.spyOn(env.API_RATE_LIMITER, "limit").mockResolvedValue({ success: false });
    const res = await get("/api/conversations/1");
    expect(res.status).toBe(429);
    expect(errorsOf(res)[0]).toMatchObject({ path: "api_key", source: "HEADER" });
    expect(res.json).toMatchObject({ message: "Too many requests", errorCode: "TOO MANY REQUESTS" });
    expect(res.headers.get("Retry-After")).toBe("60");
    expect(res.headers.get("X-RateLimit-Limit")).toBe("1200");
    expect(res.headers.get("X-RateLimit-Remaining")).toBe("0");
  });

  it("is not consulted for requests without a valid key (they are 401 first)", async () => {
    const limit = vi.spyOn(env.API_RATE_LIMITER, "limit");
    expect((await get("/api/users", { key: "wrong" })).status).toBe(401);
    expect(limit).not.toHaveBeenCalled();
  });

  it("refuses for real once the local binding's limit is spent", async () => {
    // The local simulation of the binding counts like production: 1200 a minute per key, in
    // windows aligned to the wall clock. Start early in a window so the burst stays inside one.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 50));
    const results = await Promise.all(Array.from({ length: 1210 }, () => get("/api/ping")));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1200);
    expect(statuses).toContain(429);
  }, 30_000);
});

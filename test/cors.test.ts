import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/http/app";
import { BASE, call, DEMO_KEY } from "./support/api";
import { resetToDemoData } from "./support/db";

beforeEach(resetToDemoData);

const withOrigin = (configured: string) => ({ ...env, CORS_ALLOW_ORIGIN: configured });

describe("CORS", () => {
  it("answers a preflight on any API path with that path's methods, without a key", async () => {
    const res = await call("OPTIONS", "/api/users/7", {
      key: null,
      headers: { origin: "https://app.example.org", "access-control-request-method": "GET" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Methods")).toBe("GET, DELETE, HEAD, OPTIONS");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Access-Control-Allow-Headers")).toContain("X-FreeScout-API-Key");
  });

  it("adds the configured origin to normal responses and exposes Resource-ID", async () => {
    const res = await call("GET", "/api/users/1", { headers: { origin: "https://app.example.org" } });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Access-Control-Expose-Headers")).toContain("Resource-ID");
  });

  it("reflects only an origin that configuration allows", async () => {
    const app = createApp();
    const config = withOrigin("https://app.example.org, https://other.example.org");
    const allowed = await app.request(
      `${BASE}/api/users/1`,
      { headers: { origin: "https://other.example.org", "X-FreeScout-API-Key": DEMO_KEY } },
      config,
    );
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://other.example.org");
    expect(allowed.headers.get("Vary")).toContain("Origin");

    const refused = await app.request(
      `${BASE}/api/users/1`,
      { method: "OPTIONS", headers: { origin: "https://evil.example.com" } },
      config,
    );
    expect(refused.status).toBe(204);
    expect(refused.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("sends no CORS headers when CORS is disabled", async () => {
    const res = await createApp().request(
      `${BASE}/api/users/1`,
      { headers: { origin: "https://app.example.org", "X-FreeScout-API-Key": DEMO_KEY } },
      withOrigin(""),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("OPTIONS on an unknown path is not a preflight: it needs a key and is a 404", async () => {
    expect((await call("OPTIONS", "/api/unicorns", { key: null })).status).toBe(401);
    expect((await call("OPTIONS", "/api/unicorns")).status).toBe(404);
  });
});

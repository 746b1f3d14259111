/** `GET /` is not a bare 404: it points to the API reference and the OpenAPI document. */
import { exports } from "cloudflare:workers";
import { BASE } from "@test/support/api";
import { describe, expect, it } from "vitest";

describe("GET /", () => {
  it("names the reference and the document, without a key", async () => {
    const res = await exports.default.fetch(new Request(`${BASE}/`));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      message: "FreeScout-compatible help-desk API",
      docs: "/api/docs",
      openapi: "/api/openapi.json",
    });
  });

  it("sends a browser to the reference", async () => {
    const res = await exports.default.fetch(
      new Request(`${BASE}/`, { headers: { accept: "text/html,*/*" }, redirect: "manual" }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/api/docs");
  });
});

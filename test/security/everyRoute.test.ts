/**
 * Security properties of every route, generated from the OpenAPI document so that a new
 * route cannot be missed: without a key, or with a wrong one, every protected operation is
 * 401 and changes nothing; method-override headers change nothing.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, errorsOf, get } from "../support/api";
import { resetToDemoData } from "../support/db";

interface Operation {
  method: string;
  path: string;
  secured: boolean;
}

let operations: Operation[] = [];

const concrete = (template: string) => template.replace(/\{[^}]+\}/g, "1");

async function fingerprint() {
  const row = await env.DB.prepare(
    `SELECT (SELECT count(*) FROM conversations) + (SELECT count(*) FROM threads) + (SELECT count(*) FROM customers)
      + (SELECT count(*) FROM users) + (SELECT count(*) FROM webhooks) + (SELECT count(*) FROM tags)
      + (SELECT count(*) FROM mailboxes) + (SELECT count(*) FROM conversation_tags) AS n,
      (SELECT max(updated_at) FROM conversations) AS c, (SELECT max(updated_at) FROM customers) AS u`,
  ).first();
  return JSON.stringify(row);
}

beforeAll(async () => {
  await resetToDemoData();
  const document = (await get("/api/openapi.json")).json as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: concrete(path),
      secured: (operation.security ?? []).length > 0,
    })),
  );
});

describe("every route", () => {
  it("the document lists the API's operations", () => {
    expect(operations.length).toBeGreaterThanOrEqual(35);
    expect(operations.filter((op) => !op.secured).map((op) => `${op.method} ${op.path}`)).toEqual([
      "GET /storage/attachment/1/1/1/1",
    ]);
  });

  it("is 401 without a key, with a wrong key, a revoked-looking key or a key in the body, and changes nothing", async () => {
    const before = await fingerprint();
    for (const { method, path, secured } of operations) {
      if (!secured) continue;
      const body =
        method === "GET" || method === "DELETE"
          ? undefined
          : { api_key: "c2ba609c687a3425402b9d881e5075db", subject: "x" };
      for (const options of [
        { key: null },
        { key: "wrong-key" },
        { key: "C2BA609C687A3425402B9D881E5075DB" },
        { key: null, headers: { Authorization: "Bearer c2ba609c687a3425402b9d881e5075db" } },
        { key: null, headers: { Authorization: "Basic !!!not-base64" } },
      ]) {
        const res = await call(method, path, { ...options, body });
        expect(res.status, `${method} ${path} ${JSON.stringify(options)}`).toBe(401);
        expect(errorsOf(res)[0]!.path).toBe("api_key");
      }
    }
    expect(await fingerprint()).toBe(before);
  });

  it("ignores method-override headers and parameters", async () => {
    for (const header of ["X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"]) {
      const res = await call("POST", "/api/conversations/1", { headers: { [header]: "DELETE" }, body: {} });
      expect(res.status).toBe(405);
      expect((await get("/api/conversations/1")).status).toBe(200);
    }
    const viaQuery = await call("POST", "/api/conversations/1?_method=DELETE", { body: {} });
    expect(viaQuery.status).toBe(405);
    expect((await get("/api/conversations/1")).status).toBe(200);
  });
});

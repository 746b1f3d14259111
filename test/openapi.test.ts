/**
 * The OpenAPI document served at /api/openapi.json, checked by an OpenAPI 3.1 validator
 * (@seriousme/openapi-schema-validator, which needs Node: it reads its schemas from disk and
 * compiles them with ajv) and against the routes the app really has and FreeScout's own
 * API document. Runs in the Node project of vitest.config.ts.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/http/app";
import { documentedExamples } from "./conformance/apiDocument";

const METHODS = ["get", "put", "post", "delete", "patch"] as const;
/** `/api/users/{userId}` and `api/users/{id}` name the same endpoint. */
const endpointKey = (method: string, path: string) =>
  `${method.toUpperCase()} /${path.replace(/^\//, "").replace(/\{[^}]+\}/g, "{}")}`;

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe("OpenAPI document", () => {
  const app = createApp();
  let doc: any;
  const operations: { key: string; path: string; method: string; operation: Operation }[] = [];

  beforeAll(async () => {
    // No key: the document is public. It reads no storage, so the binding is an empty stand-in.
    const res = await app.request("/api/openapi.json", {}, { DB: {} as D1Database } as Env);
    expect(res.status).toBe(200);
    doc = await res.json();
    for (const [path, item] of Object.entries<Record<string, Operation>>(doc.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) operations.push({ key: endpointKey(method, path), path, method, operation });
      }
    }
  });

  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("describes every route of the app, and nothing else", () => {
    const routes = new Set(
      app.routes
        .filter((r) => METHODS.includes(r.method.toLowerCase() as (typeof METHODS)[number]))
        .filter((r) => r.path !== "/api/openapi.json")
        .map((r) => endpointKey(r.method, r.path.replace(/:(\w+)/g, "{$1}"))),
    );
    expect(routes.size).toBeGreaterThan(30);
    expect(operations.map((o) => o.key).sort()).toEqual([...routes].sort());
  });

  it("has the three ways to send the key, required by every operation but the download link", () => {
    expect(doc.components.securitySchemes).toEqual({
      apiKeyHeader: { type: "apiKey", in: "header", name: "X-FreeScout-API-Key" },
      apiKeyQuery: { type: "apiKey", in: "query", name: "api_key" },
      basicAuth: expect.objectContaining({ type: "http", scheme: "basic" }),
    });
    for (const { key, operation } of operations) {
      if (key.startsWith("GET /storage/")) {
        expect(operation.security, key).toEqual([]);
        continue;
      }
      expect(operation.security, key).toEqual([{ apiKeyHeader: [] }, { apiKeyQuery: [] }, { basicAuth: [] }]);
      expect(Object.keys(operation.responses), key).toContain("401");
    }
  });

  it("documents FreeScout's error envelope as Error, used by every error response", () => {
    expect(doc.components.schemas.Error).toMatchObject({
      type: "object",
      required: expect.arrayContaining(["message", "errorCode", "_embedded"]),
      properties: {
        message: { type: "string" },
        errorCode: { type: "string" },
        _embedded: {
          properties: {
            errors: {
              type: "array",
              items: {
                required: expect.arrayContaining(["path", "message", "source"]),
                properties: { source: { enum: ["JSON", "QUERY", "PATH", "HEADER"] } },
              },
            },
          },
        },
      },
    });
    for (const { key, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || !response.content) continue;
        expect(response.content, `${key} ${status}`).toEqual({
          "application/json": { schema: { $ref: "#/components/schemas/Error" } },
        });
      }
    }
  });

  it("tags exactly the operations that FreeScout's API document lacks as Extensions", () => {
    const freescout = new Set(documentedExamples().map((e) => endpointKey(e.method, e.endpoint.split(" ")[1]!)));
    expect(freescout.size).toBeGreaterThan(20);
    for (const { key, operation } of operations) {
      const extension = !freescout.has(key) && !key.startsWith("GET /storage/");
      expect(operation.tags, key).toEqual(extension ? ["Extensions"] : [expect.not.stringMatching(/^Extensions$/)]);
      expect(operation.summary, key).toBeTruthy();
    }
    // FreeScout's endpoints are all here.
    for (const key of freescout)
      expect(
        operations.map((o) => o.key),
        key,
      ).toContain(key);
  });

  // The served document is the API's contract with its clients: any change to it shows up
  // here as a diff of test/fixtures/openapi.json, updated with `npx vitest run -u test/openapi.test.ts`.
  it("matches the reviewed snapshot", async () => {
    await expect(`${JSON.stringify(doc, null, 2)}\n`).toMatchFileSnapshot("./fixtures/openapi.json");
  });
});

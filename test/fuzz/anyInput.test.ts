/**
 * Property: whatever a client sends to any operation of the OpenAPI document (random path
 * ids, query parameters and JSON bodies, valid or not), the answer is never a 5xx, and every
 * error is FreeScout's envelope with a status the API documents.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, get } from "../support/api";
import { resetToDemoData } from "../support/db";

interface Operation {
  method: string;
  template: string;
  queryNames: string[];
  secured: boolean;
}

let operations: Operation[] = [];
const ERROR_STATUSES = [400, 401, 404, 405, 409, 413, 415, 416, 429];

beforeAll(async () => {
  await resetToDemoData();
  const document = (await get("/api/openapi.json")).json as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; security?: unknown[] }>>;
  };
  operations = Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      template,
      queryNames: (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      secured: (operation.security ?? []).length > 0,
    })),
  );
});

/** Values clients send by mistake or on purpose, and plausible ones. */
const scalar = fc.oneof(
  fc.integer({ min: -2, max: 40 }),
  fc.constantFrom(
    "",
    "1",
    "7",
    "all",
    "active",
    "closed",
    "threads",
    "x@example.org",
    "2020-01-02T23:00:00Z",
    "%",
    "' OR 1=1 --",
  ),
  fc.string({ maxLength: 20 }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("id", "email", "value", "type", "text", "user"), scalar, { maxKeys: 3 }),
);
const bodyKeys = fc.constantFrom(
  "type",
  "mailboxId",
  "subject",
  "customer",
  "threads",
  "text",
  "user",
  "status",
  "state",
  "assignTo",
  "byUser",
  "customerId",
  "customFields",
  "tags",
  "emails",
  "emails_add",
  "firstName",
  "lastName",
  "phones",
  "url",
  "events",
  "attachments",
  "createdAt",
  "imported",
  "cc",
  "bcc",
  "timeSpent",
  "userId",
  "customerFields",
  "address",
  "photoType",
);
const body = fc.oneof(
  fc.dictionary(bodyKeys, value, { maxKeys: 8 }),
  fc.constantFrom("", "null", "[]", "42", '"text"', "{", '{"a":}'),
);
const pathId = fc.oneof(
  fc.constantFrom("1", "7", "2", "999", "0", "-1", "abc", "1.5", "%27", "99999999999999999999"),
  fc.nat({ max: 20 }).map(String),
);

function request(op: Operation) {
  return fc.record({
    ids: fc.array(pathId, { minLength: 3, maxLength: 3 }),
    query: fc.dictionary(fc.constantFrom(...(op.queryNames.length ? op.queryNames : ["page"])), scalar.map(String), {
      maxKeys: 4,
    }),
    body,
  });
}

describe("any input to any operation", () => {
  it("is never a 5xx, and every error is the envelope with a documented status", async () => {
    let tried = 0;
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(request(op), async ({ ids, query, body: payload }) => {
          let i = 0;
          const path = op.template.replace(/\{[^}]+\}/g, () => encodeURIComponent(ids[i++]!));
          const withBody = op.method !== "GET" && op.method !== "DELETE";
          const res = await call(op.method, path, {
            query,
            ...(withBody ? { body: typeof payload === "string" ? payload : payload } : {}),
          });
          tried++;
          expect(res.status, `${op.method} ${path} -> ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(ERROR_STATUSES).toContain(res.status);
            expect(res.json).toMatchObject({ message: expect.any(String), errorCode: expect.any(String) });
            expect(Array.isArray(res.json._embedded.errors)).toBe(true);
          }
        }),
        { numRuns: 25, seed: 20261124 + op.template.length },
      );
    }
    expect(tried).toBeGreaterThan(800);
  });
});

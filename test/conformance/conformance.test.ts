/**
 * Replays every endpoint example of the API document (test/fixtures/freescout-api.txt)
 * against the app with fresh demo data, and checks status, Resource-ID and the response's
 * shape against the document's example response (see shape.ts).
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call, errorsOf, get } from "../support/api";
import { resetToDemoData } from "../support/db";
import { type DocumentedExample, documentedExamples } from "./apiDocument";
import { compareShape, OpenApiSchemas } from "./shape";

interface Expectation {
  /** Why this endpoint's replay differs from the plain rule, for readers of the suite. */
  note?: string;
  status?: number;
  /** Keys of the example the replayed request does not ask for (checked by `shapeFrom`). */
  exempt?: string[];
  /** A request whose answer has items to compare, when the example's filters match nothing. */
  shapeFrom?: string;
  /** The example cannot succeed offline: the answer it gives instead. */
  offline?: { status: number; path: string };
}

const LIST_STATUS = "The document labels list examples 201; FreeScout answers GET with 200, as HTTP has it.";

/** Every endpoint of the document. A new one in the document fails the suite until it is added here. */
const EXPECTATIONS: Record<string, Expectation> = {
  "POST api/conversations": {},
  "GET api/conversations/{conversationId}": {
    note: "The example response shows every embed; the example request asks only for threads.",
    exempt: ["_embedded.timelogs", "_embedded.tags"],
    shapeFrom: "/api/conversations/1?embed=threads,timelogs,tags",
  },
  "GET api/conversations": {
    note: `${LIST_STATUS} Its filters (mailbox 123...) match no demo conversation.`,
    status: 200,
    shapeFrom: "/api/conversations?embed=threads&status=all",
  },
  "PUT api/conversations/{conversationId}": {},
  "DELETE api/conversations/{conversationId}": {},
  "PUT api/conversations/{conversationId}/custom_fields": {},
  "POST api/customers": {},
  "GET api/customers/{customerId}": {},
  "GET api/customers": {
    note: `${LIST_STATUS} Its filters (John Doe...) match no demo customer.`,
    status: 200,
    shapeFrom: "/api/customers",
  },
  "PUT api/customers/{customerId}": {},
  "PUT api/customers/{customerId}/customer_fields": {},
  "GET api/mailboxes": { note: LIST_STATUS, status: 200 },
  "GET api/mailboxes/{mailboxId}/custom_fields": {},
  "GET api/mailboxes/{mailboxId}/folders": {},
  "GET api/tags": { note: LIST_STATUS, status: 200 },
  "PUT api/conversations/{conversationId}/tags": {},
  "POST api/conversations/{conversationId}/threads": {
    note: "Its second attachment is a fileUrl on example.org, unreachable offline.",
    offline: { status: 400, path: "attachments[1].fileUrl" },
  },
  "GET api/conversations/{conversationId}/timelogs": { note: LIST_STATUS, status: 200 },
  "POST api/users": {},
  "GET api/users/{userId}": {},
  "GET api/users": {
    note: `${LIST_STATUS} Its email filter matches no demo user.`,
    status: 200,
    shapeFrom: "/api/users",
  },
  "POST api/webhooks": {},
  "DELETE api/webhooks/{webhookId}": {},
};

const examples = documentedExamples();
let schemas: OpenApiSchemas;

beforeAll(async () => {
  await resetToDemoData();
  schemas = new OpenApiSchemas((await get("/api/openapi.json")).json);
});
beforeEach(resetToDemoData);

function shapeProblems(
  example: DocumentedExample,
  method: string,
  path: string,
  status: number,
  body: unknown,
  exempt: string[] = [],
) {
  const schema = schemas.responseSchema(method, path, status);
  return compareShape(example.responseJson, body, schema, schemas, new Set(exempt));
}

describe("conformance with the API document", () => {
  it("covers every endpoint of the document", () => {
    expect(examples.map((e) => e.endpoint).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
  });

  it.each(examples.map((e) => [e.title, e] as const))("%s", async (_title, example) => {
    const expectation = EXPECTATIONS[example.endpoint]!;
    const res = await call(example.method, example.url, example.body === undefined ? {} : { body: example.body });
    if (expectation.offline) {
      expect(res.status).toBe(expectation.offline.status);
      expect(errorsOf(res).map((e) => e.path)).toContain(expectation.offline.path);
      return;
    }
    expect(res.status, JSON.stringify(res.json)).toBe(expectation.status ?? example.status);
    if (example.resourceId) expect(res.headers.get("Resource-ID")).toMatch(/^\d+$/);
    if (example.responseJson === undefined) {
      // The document shows headers only: 204 has no body; a 201 carries the entity.
      if (example.status === 204) expect(res.text).toBe("");
      return;
    }
    const path = new URL(example.url, "http://x").pathname;
    const problems = expectation.shapeFrom
      ? shapeProblems(example, example.method, path, res.status, res.json, [...(expectation.exempt ?? []), "_embedded"])
      : shapeProblems(example, example.method, path, res.status, res.json, expectation.exempt);
    expect(problems).toEqual([]);
    if (expectation.shapeFrom) {
      const full = await call(example.method, expectation.shapeFrom);
      expect(full.status).toBe(res.status);
      expect(
        shapeProblems(
          example,
          example.method,
          new URL(expectation.shapeFrom, "http://x").pathname,
          full.status,
          full.json,
        ),
      ).toEqual([]);
    }
  });
});

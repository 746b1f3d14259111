/**
 * The benchmark's arithmetic (scripts/bench): percentiles of the load generator, CPU
 * attribution of profile frames to components, CPU per request from profile tallies, and the
 * targets judged against the matching floor (reads to one round trip, writes to the batch).
 */
import { describe, expect, it } from "vitest";
import { percentile } from "../../scripts/bench/load";
import { componentOf, cpuResult, enclosingFunction, type ProfileTally } from "../../scripts/bench/profile";
import { BUDGETS, floorOf, type Report, type ScenarioResult, targets } from "../../scripts/bench/report";
import { groupOf } from "../../scripts/bench/scaling";

const load = (p50: number, p99 = p50 * 2) => ({ requestsPerSecond: 1, p50, p99, errors: 0, requests: 100 });

function result(name: string, kind: ScenarioResult["kind"], p50c32: number, extra: Partial<ScenarioResult> = {}) {
  return {
    name,
    kind,
    example: "",
    cost: { status: 200, roundTrips: 1, rowsRead: 10, rowsWritten: 0 },
    c1: load(p50c32 / 10),
    c32: load(p50c32),
    ...extra,
  } satisfies ScenarioResult;
}

function report(results: ScenarioResult[]): Report {
  return {
    date: "",
    size: { conversations: 1, customers: 1, users: 1, mailboxes: 1 },
    duration: 1,
    rounds: 1,
    buildSeconds: 0,
    runSeconds: 0,
    machine: "",
    bundle: { total: "", gzip: "" },
    results,
  };
}

describe("load percentiles", () => {
  it("are nearest-rank and keep fractions of a millisecond", () => {
    const sorted = [1.25, 2.5, 2.75, 3, 10.5];
    expect(percentile(sorted, 50)).toBe(2.75);
    expect(percentile(sorted, 99)).toBe(10.5);
    expect(percentile(sorted, 1)).toBe(1.25);
    expect(percentile([], 50)).toBe(0);
  });
});

describe("CPU attribution", () => {
  const nm = "../../../node_modules";
  it("names a frame's component by its original source", () => {
    expect(componentOf(`${nm}/hono/dist/hono-base.js`, "dispatch", "worker.js")).toBe("Hono + middleware");
    expect(componentOf(`${nm}/hono/dist/context.js`, "", "worker.js", "  json = (object, arg) => {")).toBe(
      "presenting + JSON",
    );
    expect(componentOf(`${nm}/zod/v4/core/schemas.js`, "parse", "worker.js")).toBe("zod");
    expect(componentOf(`${nm}/src/sql/sql.ts`, "buildQueryFromSourceParams", "worker.js")).toBe(
      "Drizzle: query building",
    );
    expect(componentOf(`${nm}/src/utils.ts`, "mapResultRow", "worker.js")).toBe("Drizzle: row mapping");
    expect(componentOf(`${nm}/src/utils.ts`, "", "worker.js", "", "mapResultRow")).toBe("Drizzle: row mapping");
    expect(componentOf(`${nm}/src/sql/sql.ts`, "", "worker.js", "", "buildQueryFromSourceParams")).toBe(
      "Drizzle: query building",
    );
    expect(componentOf(`${nm}/src/d1/session.ts`, "all", "worker.js")).toBe("D1 client");
    expect(componentOf(undefined, "toArrayOfObjects", "cloudflare-internal:d1-api")).toBe("D1 client");
    expect(componentOf("../../../src/present/conversation.ts", "baseFields", "worker.js")).toBe("presenting + JSON");
    expect(componentOf("../../../src/http/middleware/auth.ts", "requireApiKey", "worker.js")).toBe("Hono + middleware");
    expect(componentOf("../../../src/db/instrument.ts", "track", "worker.js")).toBe("D1 client");
    expect(componentOf("../../../src/domain/conversations/list.ts", "listConversations", "worker.js")).toBe(
      "routes + domain",
    );
    expect(componentOf("../../../scripts/bench/worker.js", "fetch", "worker.js")).toBe("dev + bench wrappers");
  });

  it("lets native frames count for their caller, except JSON.stringify", () => {
    expect(componentOf(undefined, "fetch", "")).toBe("inherit");
    expect(componentOf(undefined, "stringify", "")).toBe("presenting + JSON");
    expect(componentOf(undefined, "(garbage collector)", "")).toBe("GC");
    expect(componentOf(undefined, "(program)", "")).toBe("V8/workerd (program)");
  });
});

describe("the function a callback is written in", () => {
  it("is the nearest declaration above it", () => {
    const source = [
      "export function mapResultRow<TResult>(",
      "\tcolumns: SelectedFieldsOrdered<AnyColumn>,",
      "): TResult {",
      "\tconst result = columns.reduce<Record<string, any>>(",
      "\t\t(result, { path, field }, columnIndex) => {",
      "\t\t\tif (is(field, Column)) {",
    ];
    expect(enclosingFunction(source, 4)).toBe("mapResultRow");
    const method = [
      "class SQL {",
      "\tbuildQueryFromSourceParams(chunks: SQLChunk[], _config: BuildQueryConfig): Query {",
      "\t\treturn mergeQueries(chunks.map((chunk) => {",
    ];
    expect(enclosingFunction(method, 2)).toBe("buildQueryFromSourceParams");
  });
});

describe("CPU per request", () => {
  const tally = (samples: ProfileTally["samples"]): ProfileTally => ({ samples, idle: 5, functions: {}, periods: [] });
  it("is each batch's sampled time over its requests, the median over batches", () => {
    // 200 µs per sample: 10 samples over 2 requests = 1 ms per request.
    const r = cpuResult(
      [tally({ zod: 4, GC: 6 }), tally({ zod: 20 }), tally({ zod: 5, "D1 client": 5 })],
      [2, 2, 2],
      200,
    );
    expect(r.batches).toEqual([1, 2, 1]);
    expect(r.msPerRequest).toBe(1);
    expect(r.requests).toBe(6);
    expect(r.components.zod).toBeCloseTo((29 * 0.2) / 6);
    expect(r.components.GC).toBeCloseTo((6 * 0.2) / 6);
  });
});

describe("targets", () => {
  const floors = [
    { ...result("none", "floor", 10), floor: "none" as const },
    { ...result("d1", "floor", 20), floor: "d1" as const },
    { ...result("batch", "floor", 40), floor: "batch" as const },
  ];

  it("compare reads with one round trip and writes with the batch", () => {
    const read = result("Get Customer", "read", 29);
    const write = result("Create Thread", "write", 119);
    const r = report([...floors, read, write]);
    expect(floorOf(r, read)?.name).toBe("d1");
    expect(floorOf(r, write)?.name).toBe("batch");
    const judged = Object.fromEntries(targets(r));
    expect(judged[`reads: p50 at c=32 within ${BUDGETS.readLatency}× the one-round-trip floor`]).toMatch(/^met/);
    expect(judged[`writes: p50 at c=32 within ${BUDGETS.writeLatency}× the batch floor`]).toMatch(/^met/);
  });

  it("name what is over a budget, searches apart", () => {
    const r = report([
      ...floors,
      result("Get Customer", "read", 31),
      result("List Conversations (search: full-text word)", "read", 50),
      result("List Conversations (defaults)", "read", 20, {
        cost: { status: 200, roundTrips: 2, rowsRead: 171, rowsWritten: 0 },
      }),
    ]);
    const judged = Object.fromEntries(targets(r));
    expect(judged[`reads: p50 at c=32 within ${BUDGETS.readLatency}× the one-round-trip floor`]).toBe(
      "**NOT met**: 1 of 2 within; over: Get Customer 1.55×",
    );
    expect(judged[`read endpoints: at most ${BUDGETS.readRoundTrips} D1 round trip`]).toMatch(
      /NOT met.*List Conversations \(defaults\) 2/,
    );
    expect(
      judged[`rows read: every 50-item first page, totalElements and tag filter included, at most ${BUDGETS.pageRows}`],
    ).toMatch(/NOT met.*171/);
    expect(judged[`searches: p50 at c=32 within ${BUDGETS.searchLatency}× the one-round-trip floor`]).toMatch(
      /^met: all 1 \(worst 2\.50×/,
    );
  });
});

describe("scaling groups", () => {
  it("put each object with what it grows with", () => {
    expect(groupOf("conversations", "conversations")).toBe("conversations");
    expect(groupOf("conversations_created_idx", "conversations")).toBe("conversation indexes");
    expect(groupOf("conversation_text_fts_data", "conversation_text_fts_data")).toBe(
      "full-text index (subjects + thread text)",
    );
    expect(groupOf("customer_emails_fts_idx", "customer_emails_fts_idx")).toBe(
      "customers (rows, emails, phones, indexes, email search)",
    );
    expect(groupOf("attachments_thread_idx", "attachments")).toBe("attachment metadata");
    expect(groupOf("users", "users")).toBe("other (users, mailboxes, folders, schema...)");
  });
});

/** BENCHMARKS.md from a run's results. */
import type { IncomingResult } from "./incoming.ts";
import type { Load } from "./load.ts";
import type { MailResult } from "./mail.ts";
import { COMPONENTS, type CpuResult } from "./profile.ts";
import type { ScalingResult } from "./scaling.ts";
import type { Floor } from "./scenarios.ts";

export type { Load };

export interface ScenarioResult {
  name: string;
  kind: "floor" | "read" | "write";
  floor?: Floor;
  example: string;
  cost: { status: number; roundTrips: number; rowsRead: number; rowsWritten: number };
  c1: Load;
  c32: Load;
}

/** The CPU profiles of a run (scripts/bench/profile.ts). */
export interface CpuSection {
  /** The sampler's measured period and the interval asked for, µs. */
  periodUs: number;
  intervalUs: number;
  batches: number;
  requestsPerBatch: number;
  secondsPerBatch: number;
  /** By scenario name (endpoints, incoming-mail scenarios, the outgoing-mail consumer). */
  results: Record<string, CpuResult>;
}

export interface Report {
  date: string;
  size: { conversations: number; customers: number; users: number; mailboxes: number };
  duration: number;
  rounds: number;
  buildSeconds: number;
  runSeconds: number;
  machine: string;
  bundle: { total: string; gzip: string };
  results: ScenarioResult[];
  cpu?: CpuSection;
  /** The outgoing-mail scenario (issue 16), when it ran. */
  mail?: MailResult;
  /** The incoming-mail scenarios (issue 15), when they ran. */
  incoming?: IncomingResult[];
  scaling?: ScalingResult;
}

/** The outgoing-mail consumer's CPU entry (scripts/bench.ts). */
export const MAIL_CPU = "Outgoing email (Create Thread replies)";

/** Scenarios with their own budgets: the searches of the search extensions. */
export const isSearch = (r: { name: string }) => r.name.includes("(search:");
/** 50-item first pages of List Conversations (the 170-row budget). */
const FIRST_PAGES = [
  "List Conversations (defaults)",
  "List Conversations (mailbox+status+assignee)",
  "List Conversations (sorted by updatedAt)",
  "List Conversations (tag)",
];
const DEEP_PAGE = "List Conversations (page 200)";
const GET_CONVERSATION = "Get Conversation (embed threads)";
/** Threads per dataset conversation (scripts/bench/dataset.ts). */
const DATASET_THREADS = 4;

/** Budgets, stated once: the report's target table and its text use these. */
export const BUDGETS = {
  readLatency: 1.5,
  writeLatency: 3,
  readCpuMs: 1,
  writeCpuMs: 2,
  listPageCpuMs: 2,
  pageRows: 170,
  getConversationConstantRows: 10,
  /** A thread's row, its customer's and that customer's first address (joined to it). */
  getConversationRowsPerThread: 3,
  readRoundTrips: 1,
  searchLatency: 3,
  searchCpuMs: 2,
  searchRoundTrips: 1,
  incomingLatency: 3,
  incomingCpuMs: 3,
  incomingRoundTrips: 3,
  outgoingCpuMs: 2,
} as const;

const ms = (n: number) => n.toFixed(2);
const times = (n: number) => (Number.isFinite(n) && n > 0 ? `${n.toFixed(2)}×` : "–");

/** The floor a result is compared with: reads to one round trip, writes to the batch, floors to none. */
export function floorOf(report: Pick<Report, "results">, r: Pick<ScenarioResult, "kind">): ScenarioResult | undefined {
  const which: Floor = r.kind === "read" ? "d1" : r.kind === "write" ? "batch" : "none";
  return report.results.find((f) => f.floor === which);
}

export function ratioTo(
  report: Pick<Report, "results">,
  r: ScenarioResult,
  at: "c1" | "c32",
  p: "p50" | "p99",
): number {
  const floor = floorOf(report, r);
  return floor && floor[at][p] > 0 ? r[at][p] / floor[at][p] : Number.NaN;
}

const mark = (ok: boolean) => (ok ? "met" : "**NOT met**");

/** Judges `list` by `value` against `limit`: met when every one is within it. */
function judge(
  list: readonly ScenarioResult[],
  value: (r: ScenarioResult) => number | undefined,
  limit: number,
  show: (n: number) => string,
  strict = false,
): string {
  const measured = list.flatMap((r) => {
    const v = value(r);
    return v === undefined || Number.isNaN(v) ? [] : [{ r, v }];
  });
  if (!measured.length) return "not measured in this run";
  const within = (v: number) => (strict ? v < limit : v <= limit);
  const over = measured.filter((m) => !within(m.v)).sort((a, b) => b.v - a.v);
  const worst = [...measured].sort((a, b) => b.v - a.v)[0]!;
  if (!over.length) return `met: all ${measured.length} (worst ${show(worst.v)}, ${worst.r.name})`;
  return `${mark(false)}: ${measured.length - over.length} of ${measured.length} within; over: ${over
    .map((m) => `${m.r.name} ${show(m.v)}`)
    .join("; ")}`;
}

/** The targets of issue 20 (and the budgets this report states for email and searches). */
export function targets(report: Report): [string, string][] {
  const cpu = (r: { name: string }) => report.cpu?.results[r.name]?.msPerRequest;
  const reads = report.results.filter((r) => r.kind === "read" && !isSearch(r));
  const lists = reads.filter((r) => r.name.startsWith("List Conversations"));
  const otherReads = reads.filter((r) => !r.name.startsWith("List Conversations"));
  const writes = report.results.filter((r) => r.kind === "write");
  const searches = report.results.filter(isSearch);
  const latency = report.results.some((r) => r.c32.requests > 0);
  const p50 = (r: ScenarioResult) => (latency ? ratioTo(report, r, "c32", "p50") : undefined);
  const byName = (name: string) => report.results.find((r) => r.name === name);
  const get = byName(GET_CONVERSATION);
  const deep = byName(DEEP_PAGE);
  const b = BUDGETS;
  const rows: [string, string][] = [
    [`reads: p50 at c=32 within ${b.readLatency}× the one-round-trip floor`, judge(reads, p50, b.readLatency, times)],
    [`writes: p50 at c=32 within ${b.writeLatency}× the batch floor`, judge(writes, p50, b.writeLatency, times)],
    [
      `Worker CPU per request (median): reads other than list pages at most ${b.readCpuMs} ms`,
      judge(otherReads, cpu, b.readCpuMs, (n) => `${ms(n)} ms`),
    ],
    [
      `Worker CPU per request: list pages (the heaviest) under ${b.listPageCpuMs} ms`,
      judge(lists, cpu, b.listPageCpuMs, (n) => `${ms(n)} ms`, true),
    ],
    [
      `Worker CPU per request: writes at most ${b.writeCpuMs} ms`,
      judge(writes, cpu, b.writeCpuMs, (n) => `${ms(n)} ms`),
    ],
    [
      `rows read: every 50-item first page, totalElements and tag filter included, at most ${b.pageRows}`,
      judge(
        FIRST_PAGES.flatMap((name) => byName(name) ?? []),
        (r) => r.cost.rowsRead,
        b.pageRows,
        String,
      ),
    ],
    [
      "rows read: a deep page (page=200, OFFSET paging: FreeScout pages by number) — no budget",
      deep ? `${deep.cost.rowsRead} rows` : "not measured in this run",
    ],
    [
      `Get Conversation: a small constant (at most ${b.getConversationConstantRows} rows) plus its threads (at most ${b.getConversationRowsPerThread} rows each)`,
      get
        ? (() => {
            const constant = get.cost.rowsRead - DATASET_THREADS * b.getConversationRowsPerThread;
            return `${mark(constant <= b.getConversationConstantRows)}: ${get.cost.rowsRead} rows for ${DATASET_THREADS} threads (constant ${constant} with ${b.getConversationRowsPerThread} per thread)`;
          })()
        : "not measured in this run",
    ],
    [
      `read endpoints: at most ${b.readRoundTrips} D1 round trip`,
      judge(reads, (r) => r.cost.roundTrips, b.readRoundTrips, String),
    ],
    [
      `searches: at most ${b.searchRoundTrips} D1 round trip`,
      judge(searches, (r) => r.cost.roundTrips, b.searchRoundTrips, String),
    ],
    [
      `searches: p50 at c=32 within ${b.searchLatency}× the one-round-trip floor`,
      judge(searches, p50, b.searchLatency, times),
    ],
    [
      `searches: Worker CPU per request at most ${b.searchCpuMs} ms`,
      judge(searches, cpu, b.searchCpuMs, (n) => `${ms(n)} ms`),
    ],
    [
      "searches: rows read — no budget (what matches decides)",
      searches.length ? searches.map((r) => `${r.name} ${r.cost.rowsRead}`).join("; ") : "not measured in this run",
    ],
  ];
  const incoming = report.incoming ?? [];
  const batchFloor = report.results.find((f) => f.floor === "batch");
  if (incoming.length) {
    const asResults = incoming.map(
      (r) =>
        ({
          name: r.name,
          kind: "write",
          example: r.example,
          cost: {
            status: 0,
            roundTrips: r.cost.roundTrips,
            rowsRead: r.cost.rowsRead,
            rowsWritten: r.cost.rowsWritten,
          },
          c1: r.c1,
          c32: r.c32,
        }) satisfies ScenarioResult,
    );
    rows.push(
      [
        `incoming email: p50 at c=32 within ${b.incomingLatency}× the batch floor`,
        judge(
          asResults,
          (r) => (batchFloor && batchFloor.c32.p50 > 0 ? r.c32.p50 / batchFloor.c32.p50 : undefined),
          b.incomingLatency,
          times,
        ),
      ],
      [
        `incoming email: at most ${b.incomingRoundTrips} D1 round trips per message before the handler returns`,
        judge(
          asResults,
          (r) => r.cost.roundTrips,
          b.incomingRoundTrips,
          (n) => n.toFixed(1),
        ),
      ],
      [
        `incoming email: Worker CPU per message at most ${b.incomingCpuMs} ms (MIME parsing included)`,
        judge(asResults, cpu, b.incomingCpuMs, (n) => `${ms(n)} ms`),
      ],
    );
  }
  const outgoing = report.cpu?.results[MAIL_CPU];
  if (outgoing) {
    rows.push([
      `outgoing email: the consumer's Worker CPU per message at most ${b.outgoingCpuMs} ms`,
      `${mark(outgoing.msPerRequest <= b.outgoingCpuMs)}: ${ms(outgoing.msPerRequest)} ms (${outgoing.requests} replies)`,
    ]);
  }
  return rows;
}

function mainTable(report: Report): string {
  const rows = report.results.map((r) => {
    const cpu = report.cpu?.results[r.name];
    const floor = floorOf(report, r);
    const vs = (at: "c1" | "c32", p: "p50" | "p99") =>
      `${ms(r[at][p])} (${r === floor ? "1×" : times(ratioTo(report, r, at, p))})`;
    return [
      r.name,
      String(r.cost.status),
      floor ? (floor.floor ?? "") : "",
      r.c1.requestsPerSecond.toFixed(0),
      vs("c1", "p50"),
      vs("c1", "p99"),
      r.c32.requestsPerSecond.toFixed(0),
      vs("c32", "p50"),
      vs("c32", "p99"),
      cpu ? ms(cpu.msPerRequest) : "–",
      String(r.cost.roundTrips),
      String(r.cost.rowsRead),
      String(r.cost.rowsWritten),
      String(r.c1.errors + r.c32.errors + (cpu?.errors ?? 0)),
    ].join(" | ");
  });
  return `| endpoint | status | floor | req/s c=1 | p50 c=1 | p99 c=1 | req/s c=32 | p50 c=32 | p99 c=32 | CPU ms/req | D1 round trips | rows read | rows written | errors |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.map((row) => `| ${row} |`).join("\n")}`;
}

/** The CPU breakdown by component for the endpoints the issue names (and the email paths). */
function cpuSection(report: Report): string {
  const cpu = report.cpu;
  if (!cpu) return "";
  const wanted = [
    "Floor: one D1 round trip (SELECT 1)",
    "Floor: one batch of three statements",
    "List Conversations (defaults)",
    "List Conversations (tag)",
    GET_CONVERSATION,
    "Create Conversation",
    "Create Thread",
    "Update Conversation",
    ...Object.keys(cpu.results).filter((name) => isSearch({ name })),
    "Incoming email (new conversations)",
    "Incoming email (replies)",
    MAIL_CPU,
  ].filter((name, i, all) => cpu.results[name] && all.indexOf(name) === i);
  const columns = COMPONENTS.filter((c) => wanted.some((name) => (cpu.results[name]!.components[c] ?? 0) >= 0.005));
  const rows = wanted.map((name) => {
    const r = cpu.results[name]!;
    const label = name === MAIL_CPU ? "Outgoing email (the consumer, per reply)" : name;
    return `| ${label} | **${ms(r.msPerRequest)}** | ${columns.map((c) => ms(r.components[c] ?? 0)).join(" | ")} |`;
  });
  const heaviest = cpu.results["List Conversations (defaults)"];
  const top = heaviest
    ? `\nThe heaviest functions (self time) of List Conversations (defaults), ms per request:\n\n${heaviest.topFunctions
        .map(([name, t]) => `- ${ms(t)} ${name.replace(/\|/g, "\\|")}`)
        .join("\n")}\n`
    : "";
  return `
## Worker CPU per request, by component

V8 CPU profiles of the Worker's isolate only (\`wrangler dev --inspector-port\`, the Chrome
DevTools Protocol's Profiler; the local D1 simulator runs in another isolate and is not in
them), ${cpu.batches} profiles per endpoint of up to ${cpu.requestsPerBatch} sequential requests each (fewer once a profile
passes ${cpu.secondsPerBatch} s). CPU per request is a profile's non-idle sampled time over its requests, the median
over the profiles; components are the mean over every profile, so they add up to about the
median. Sampling interval ${cpu.intervalUs} µs asked, ${cpu.periodUs.toFixed(0)} µs measured (the sampler samples only
while the isolate runs; each sample counts one measured period, so a figure is good to
about ± one period per time the request resumes after an await). Frames are attributed
through the bundle's source map to a package or a directory of src/; native calls (fetch,
Response, crypto) count for their caller. Queue consumers are held while endpoints are
profiled, so a Create Thread's profile does not take in the reply it queues; the
outgoing-mail row is the consumer alone sending ${cpu.results[MAIL_CPU]?.requests ?? 0} queued replies.

| endpoint | total | ${columns.join(" | ")} |
|---|---|${columns.map(() => "---").join("|")}|
${rows.join("\n")}

- Hono + middleware: the router, context, and src/http's middleware (API key, scope,
  idempotency, body, CORS). zod: request validation (and @hono/zod-openapi). Drizzle: query
  building (the query builders, SQL to string) and row mapping (driver rows to objects). D1
  client: workerd's D1 binding (\`cloudflare-internal:d1-api\`, its fetch), drizzle's D1
  session and the Server-Timing instrument. presenting + JSON: src/present and
  JSON.stringify. routes + domain: the rest of src/. V8/workerd (program): time in the
  runtime outside JavaScript (request and response objects, I/O). dev + bench wrappers: the
  middleware \`wrangler dev\` adds to the bundle and scripts/bench/worker.js (absent when deployed).
${top}`;
}

export function renderMarkdown(report: Report): string {
  const none = report.results.find((r) => r.floor === "none");
  const d1 = report.results.find((r) => r.floor === "d1");
  const batch = report.results.find((r) => r.floor === "batch");
  const floorLine =
    none && d1 && batch && d1.c1.requests > 0
      ? `- Floors of this run (p50 at c=1 / c=32): no D1 ${ms(none.c1.p50)} / ${ms(none.c32.p50)} ms, one round trip
  ${ms(d1.c1.p50)} / ${ms(d1.c32.p50)} ms, one batch of three ${ms(batch.c1.p50)} / ${ms(batch.c32.p50)} ms: one local D1 round trip adds
  ${ms(d1.c1.p50 - none.c1.p50)} ms to a lone request.`
      : "";
  return `# Benchmarks

Produced by \`npm run bench\` (${report.date}, ${report.runSeconds.toFixed(0)} s in all). Latencies in ms with
sub-millisecond resolution; each is followed by its ratio to the floor measured in the same
run: a read to the one-D1-round-trip floor, a write to the one-batch floor, the floors and
Ping to the no-D1 floor. D1 columns come from the Worker's \`Server-Timing\` header for one
request: round trips (a query or a \`batch()\` each), rows read and rows written as D1 reports
them. CPU is the Worker's own, per request (below).

- Dataset: ${report.size.mailboxes} mailboxes, ${report.size.users} users, ${report.size.customers.toLocaleString("en")} customers,
  ${report.size.conversations.toLocaleString("en")} conversations (every status, state and folder), 4 threads each,
  attachment metadata on a third, tags on a third, custom field values; built with bulk SQL in ${report.buildSeconds.toFixed(1)} s.
  Storage per conversation and what fits in one D1 database: SCALING.md.
- Runtime: \`wrangler dev\` (workerd with local D1/SQLite) on \`scripts/bench/worker.js\` (the
  Worker plus the floor routes, which pass through every middleware, the API key check
  included). Load: \`scripts/bench/load.ts\`, a fixed number of requests in flight (1, then 32)
  over keep-alive connections, each timed with \`performance.now()\`; ${report.duration} s per endpoint and
  concurrency, in ${report.rounds} interleaved rounds (every endpoint in turn, so noise falls on all alike).
- Machine: ${report.machine}.
- Bundle (\`wrangler deploy --dry-run\`): ${report.bundle.total}, gzip ${report.bundle.gzip}.
${floorLine}

${mainTable(report)}

## Targets (issue 20)

| target | result |
|---|---|
${targets(report)
  .map(([target, result]) => `| ${target} | ${result} |`)
  .join("\n")}

Budgets this report states itself: the searches (a D1 round trip, ${BUDGETS.searchLatency}× the one-round-trip
floor, ${BUDGETS.searchCpuMs} ms of CPU; rows read are reported, as what matches decides them), incoming email (a
write: ${BUDGETS.incomingLatency}× the batch floor, ${BUDGETS.incomingRoundTrips} round trips before the handler returns, ${BUDGETS.incomingCpuMs} ms of CPU with the MIME
parsing), the outgoing-mail consumer (${BUDGETS.outgoingCpuMs} ms of CPU per message, a write's), Get
Conversation's constant (${BUDGETS.getConversationConstantRows} rows, with ${BUDGETS.getConversationRowsPerThread} per thread: the thread, its customer
and that customer's first address, joined to it).
${cpuSection(report)}${mailSection(report)}${incomingSection(report)}
## Reading the numbers

- D1 here is the local simulator (SQLite behind workerd) on the same 2 cores as the Worker
  and the load generator. A round trip is a few hundred microseconds of work in another
  isolate and SQLite, so at c=32 requests queue for the CPU and latency grows with the total
  work per request (the Worker's CPU, SQLite's rows, the simulator's own), not with network
  hops as in production. The floors measure that queue in the same run: an endpoint at the
  floor's ratio does no more work than a bare round trip (or batch).
- The Worker's CPU per request is what Workers bills and limits, and it is the same in
  production up to the machine's speed; the D1 time is not in it.
- Rows read are D1's own count (what D1 bills); a 50-item page holds its rows down by reading
  the page, the people it shows joined in, and the folder counters for \`totalElements\`.

Requests:

${report.results.map((r) => `- ${r.name}: \`${r.example}\``).join("\n")}
`;
}

/** The outgoing-mail scenario and its targets (issue 16). */
function mailSection(report: Report): string {
  const createThread = report.results.find((r) => r.name === "Create Thread");
  const trips = createThread?.cost.roundTrips;
  const tripsResult =
    trips === undefined
      ? "not measured in this run"
      : `${trips <= 2 ? "met" : "NOT met"}: ${trips} round trips, the read batch and the write batch, as without mail: the reply's mail state is part of the thread's own insert and the queue message is sent after the response`;
  const mail = report.mail;
  const lag = mail ? mail.settleSeconds - mail.queueSeconds : 0;
  const throughput = mail
    ? `${lag < 0.5 ? "at least " : ""}${mail.perSecond.toFixed(1)} messages/s: ${mail.messages} replies (Create Thread, ${mail.concurrency} at a time) accepted in ${mail.queueSeconds.toFixed(1)} s, the last settled ${(lag * 1000).toFixed(0)} ms after the last was accepted${lag < 0.5 ? " (the consumer kept up with the API, so the rate is the API's)" : ""}; ${mail.sent} sent, ${mail.failed} failed${mail.other ? `, ${mail.other} other` : ""}`
    : "not measured in this run";
  const cpu = report.cpu?.results[MAIL_CPU];
  return `
## Outgoing email (issue 16)

| target | result |
|---|---|
| Create Thread: outgoing mail adds at most one D1 round trip | ${tripsResult} |
| messages per second through the outgoing-mail consumer | ${throughput} |
| the consumer's Worker CPU per message | ${cpu ? `${ms(cpu.msPerRequest)} ms (${cpu.requests} replies queued while the consumer was held, then profiled while it sent them)` : "not measured in this run"} |

Replies go through wrangler's simulated \`send_email\` binding (it writes each message's text
and HTML to files), one queue (\`max_batch_size\` 10) and the consumer sending a batch's
messages concurrently; each message costs the consumer one D1 read batch and one write batch.
The write scenarios above queue replies too (the Create Thread scenario's run for mailboxes 2
and 3 fails with "not allowed", as their addresses are not in \`allowed_sender_addresses\`):
that backlog is settled before this scenario starts.
`;
}

const counted = (r: IncomingResult) => Object.values(r.outcomes).reduce((a, b) => a + b, 0);

/** The incoming-mail scenarios (issue 15): messages through the email() handler. */
function incomingSection(report: Report): string {
  const incoming = report.incoming ?? [];
  if (!incoming.length) return "";
  const one = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  const batch = report.results.find((f) => f.floor === "batch");
  const vs = (load: Load, p: "p50" | "p99", floor?: Load) =>
    `${ms(load[p])} (${floor && floor[p] > 0 ? times(load[p] / floor[p]) : "–"})`;
  const rows = incoming.map((r) =>
    [
      r.name,
      r.c1.requestsPerSecond.toFixed(0),
      vs(r.c1, "p50", batch?.c1),
      r.c32.requestsPerSecond.toFixed(0),
      vs(r.c32, "p50", batch?.c32),
      vs(r.c32, "p99", batch?.c32),
      report.cpu?.results[r.name] ? ms(report.cpu.results[r.name]!.msPerRequest) : "–",
      one(r.cost.roundTrips),
      one(r.cost.rowsRead),
      one(r.cost.rowsWritten),
      `${one(r.costWithBackground.roundTrips)} / ${one(r.costWithBackground.rowsRead)} / ${one(r.costWithBackground.rowsWritten)}`,
      Object.entries(r.outcomes)
        .map(([outcome, n]) => `${n} ${outcome}`)
        .join(", ") + (counted(r) >= r.delivered ? "" : ` (counted of ${r.delivered} delivered: the Worker reloaded)`),
      String(r.c1.errors + r.c32.errors + r.unexpected),
    ].join(" | "),
  );
  return `
## Incoming email (issue 15)

Messages posted to \`wrangler dev\`'s local Email Routing endpoint (\`/cdn-cgi/handler/email\`),
each run by the Worker's \`email()\` handler into the dataset above; messages/s and latency
(ms, with the ratio to the batch floor: a message is a write) from the same load generator,
${report.duration} s per concurrency. CPU is the Worker's per message (profiled as the endpoints are). The D1
columns are the mean per message over every message of both runs, counted by the
Server-Timing instrument around the handler (\`scripts/bench/worker.js\`): when the handler
returned, then with the work it leaves in the background (events published) once settled.
Errors are refused deliveries and messages that did not come out as expected.

| scenario | messages/s c=1 | p50 c=1 | messages/s c=32 | p50 c=32 | p99 c=32 | CPU ms/message | D1 round trips | rows read | rows written | with background: trips / read / written | outcomes | errors |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.map((row) => `| ${row} |`).join("\n")}

Each message also puts its raw bytes in R2 (\`mail/raw/\`); \`wrangler dev\` itself parses
it and keeps a copy for its local explorer before the handler runs. Messages:

${incoming.map((r) => `- ${r.name} (${r.messageBytes} bytes): \`${r.example}\``).join("\n")}
`;
}

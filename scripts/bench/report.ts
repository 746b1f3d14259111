/** BENCHMARKS.md from a run's results. */
import type { IncomingResult } from "./incoming.ts";
import type { MailResult } from "./mail.ts";

export interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface ScenarioResult {
  name: string;
  kind: "floor" | "read" | "write";
  example: string;
  cost: { status: number; roundTrips: number; rowsRead: number; rowsWritten: number };
  c1: Load;
  c32: Load;
}

export interface Report {
  date: string;
  size: { conversations: number; customers: number; users: number; mailboxes: number };
  duration: number;
  buildSeconds: number;
  machine: string;
  bundle: { total: string; gzip: string };
  results: ScenarioResult[];
  /** The outgoing-mail scenario (issue 16), when it ran. */
  mail?: MailResult;
  /** The incoming-mail scenarios (issue 15), when they ran. */
  incoming?: IncomingResult[];
}

const ratio = (value: number, floor: number) => (floor > 0 ? `${(value / floor).toFixed(1)}×` : "–");

export function renderMarkdown(report: Report): string {
  const floor = report.results.find((r) => r.kind === "floor");
  const rows = report.results.map((r) => {
    const f1 = floor?.c1;
    const f32 = floor?.c32;
    return [
      r.name,
      String(r.cost.status),
      `${r.c1.requestsPerSecond.toFixed(0)}`,
      `${r.c1.p50} (${ratio(r.c1.p50, f1?.p50 ?? 0)})`,
      `${r.c32.requestsPerSecond.toFixed(0)}`,
      `${r.c32.p50} (${ratio(r.c32.p50, f32?.p50 ?? 0)})`,
      `${r.c32.p99} (${ratio(r.c32.p99, f32?.p99 ?? 0)})`,
      String(r.cost.roundTrips),
      String(r.cost.rowsRead),
      String(r.cost.rowsWritten),
      String(r.c1.errors + r.c32.errors),
    ].join(" | ");
  });
  return `# Benchmarks

Produced by \`npm run bench\` (${report.date}). Latencies in ms; ratios are to the floor
route (auth + a constant JSON answer) measured in the same run. D1 columns come from the
Worker's \`Server-Timing\` header for one request: round trips (a query or a \`batch()\`
each), rows read and rows written as D1 reports them.

- Dataset: ${report.size.mailboxes} mailboxes, ${report.size.users} users, ${report.size.customers.toLocaleString("en")} customers,
  ${report.size.conversations.toLocaleString("en")} conversations (every status, state and folder), 4 threads each,
  tags on a third, custom field values; built with bulk SQL in ${report.buildSeconds.toFixed(1)} s.
- Runtime: \`wrangler dev\` (workerd with local D1/SQLite), autocannon, ${report.duration} s per run.
- Machine: ${report.machine}.
- Bundle (\`wrangler deploy --dry-run\`): ${report.bundle.total}, gzip ${report.bundle.gzip}.

| endpoint | status | req/s c=1 | p50 c=1 | req/s c=32 | p50 c=32 | p99 c=32 | D1 round trips | rows read | rows written | errors |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.map((row) => `| ${row} |`).join("\n")}

## Targets (issue 8)

| target | result |
|---|---|
${targets(report)
  .map(([target, result]) => `| ${target} | ${result} |`)
  .join("\n")}
${mailSection(report)}${incomingSection(report)}
## Reading the numbers

- Here D1 is the local simulator (SQLite behind workerd) on the same 2 cores as the Worker
  and the load generator: a round trip costs a few milliseconds of CPU, and at c=32 the
  requests queue, so latency is roughly concurrency × service time. The floor does no D1
  work at all, so every endpoint that touches D1 is several times the floor in this setup;
  the latency targets are not met here. In production a round trip is a network hop to the
  database, which is why the round trips per request are what the code holds down (reads
  two at most, writes three), and why the rows read (what D1 bills) are tracked per request.
- A 50-item default page is one round trip: the page (about 52 rows, custom field values
  included in each row), the people it shows (joined in: one row per customer and assignee
  shown), the folder counters for \`totalElements\` (about 10 rows, instead of counting
  every match) and the field definitions.
- \`page=200\` pays for OFFSET paging (every skipped row is read); FreeScout's API pages by
  number, so that is the contract. A tag filter's page walks the sort order (about 1,500
  rows for a tag on 1 in 30 conversations), but its \`totalElements\` counts every tagged
  conversation.
- Subject search goes through the FTS5 trigram index: 12 rows for a search that matches one
  conversation out of 100,000.

Requests:

${report.results.map((r) => `- ${r.name}: \`${r.example}\``).join("\n")}
`;
}

/** The issue's targets, judged from this run. */
function targets(report: Report): [string, string][] {
  const floor = report.results.find((r) => r.kind === "floor");
  const reads = report.results.filter((r) => r.kind === "read");
  const writes = report.results.filter((r) => r.kind === "write");
  const mark = (ok: boolean) => (ok ? "met" : "NOT met");
  const none = { name: "none run", cost: { roundTrips: 0 }, c32: { p50: 0 } } as ScenarioResult;
  const worst = (list: ScenarioResult[], value: (r: ScenarioResult) => number) =>
    list.reduce((a, b) => (value(b) > value(a) ? b : a), list[0] ?? none);
  const maxTrips = (list: ScenarioResult[]) => worst(list, (r) => r.cost.roundTrips);
  const ratio50 = (r: ScenarioResult) => (floor ? r.c32.p50 / floor.c32.p50 : 0);
  const page = (name: string) => report.results.find((r) => r.name === name);
  const pageRows = ["List Conversations (defaults)", "List Conversations (mailbox+status+assignee)"].map(
    (name) => `${page(name)?.cost.rowsRead ?? "?"}`,
  );
  const pageOk = ["List Conversations (defaults)", "List Conversations (mailbox+status+assignee)"].every(
    (name) => (page(name)?.cost.rowsRead ?? Infinity) <= 170,
  );
  return [
    [
      "reads: at most 2 D1 round trips",
      `${mark(maxTrips(reads).cost.roundTrips <= 2)}: most ${maxTrips(reads).cost.roundTrips} (${maxTrips(reads).name})`,
    ],
    [
      "writes: at most 3 D1 round trips",
      `${mark(maxTrips(writes).cost.roundTrips <= 3)}: most ${maxTrips(writes).cost.roundTrips} (${maxTrips(writes).name})`,
    ],
    [
      "Get Conversation: a small constant plus threads, attachments, tags",
      `${page("Get Conversation (embed threads)")?.cost.rowsRead ?? "?"} rows for 4 threads`,
    ],
    [
      "50-item page, default and mailbox+status+assignee filters: at most 170 rows",
      `${mark(pageOk)}: ${pageRows.join(" and ")} rows`,
    ],
    [
      "reads: p50 at c=32 within 2× the floor",
      `${mark(reads.every((r) => ratio50(r) <= 2))}: worst ${ratio50(worst(reads, ratio50)).toFixed(1)}× (${worst(reads, ratio50).name})`,
    ],
    [
      "writes: p50 at c=32 within 4× the floor",
      `${mark(writes.every((r) => ratio50(r) <= 4))}: worst ${ratio50(worst(writes, ratio50)).toFixed(1)}× (${worst(writes, ratio50).name})`,
    ],
  ];
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
  return `
## Outgoing email (issue 16)

| target | result |
|---|---|
| Create Thread: outgoing mail adds at most one D1 round trip | ${tripsResult} |
| messages per second through the outgoing-mail consumer | ${throughput} |

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
  const rows = incoming.map((r) =>
    [
      r.name,
      r.c1.requestsPerSecond.toFixed(0),
      String(r.c1.p50),
      r.c32.requestsPerSecond.toFixed(0),
      String(r.c32.p50),
      String(r.c32.p99),
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
(ms) from autocannon, ${report.duration} s per run. The D1 columns are the mean per message over
every message of both runs, counted by the Server-Timing instrument around the handler
(\`scripts/bench/worker.js\`, the bench's Worker entry: the real Worker with the counter): when
the handler returned, then with the work it leaves in the background (events published) once
settled. Errors are refused deliveries and messages that did not come out as expected.

| scenario | messages/s c=1 | p50 c=1 | messages/s c=32 | p50 c=32 | p99 c=32 | D1 round trips | rows read | rows written | with background: trips / read / written | outcomes | errors |
|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.map((row) => `| ${row} |`).join("\n")}

Each message also puts its raw bytes in R2 (\`mail/raw/\`); \`wrangler dev\` itself parses
it and keeps a copy for its local explorer before the handler runs. Messages:

${incoming.map((r) => `- ${r.name} (${r.messageBytes} bytes): \`${r.example}\``).join("\n")}
`;
}

/**
 * npm run bench [-- --conversations 100000 --duration 5]
 * (--only <part of a name> runs the scenarios whose names contain it; "Create Thread" also runs
 * the outgoing-mail scenario, which times replies through the outgoing-mail consumer;
 * "Incoming email" runs the incoming-mail scenarios, messages through the email() handler)
 *
 * Builds a local dataset with bulk SQL, starts the Worker with `wrangler dev` on it, and
 * drives each endpoint with autocannon at concurrency 1 and 32. Reports requests/s, p50 and
 * p99 latency (also as ratios to the floor route measured in the same run) and the D1 cost
 * per request from the Server-Timing header. Writes BENCHMARKS.md and bench/results.json.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { BENCH_KEY, datasetSql } from "./bench/dataset.ts";
import { INCOMING_SCENARIOS, type IncomingResult, measureIncoming } from "./bench/incoming.ts";
import { type MailResult, measureMail, waitForMailBacklog } from "./bench/mail.ts";
import { renderMarkdown, type ScenarioResult } from "./bench/report.ts";
import { type Scenario, scenarios } from "./bench/scenarios.ts";
import { wrangler } from "./wrangler.ts";

const { values: args } = parseArgs({
  options: {
    conversations: { type: "string", default: "100000" },
    customers: { type: "string", default: "20000" },
    duration: { type: "string", default: "5" },
    port: { type: "string", default: "8790" },
    only: { type: "string" },
  },
});

const size = {
  conversations: Number(args.conversations),
  customers: Number(args.customers),
  users: 25,
  mailboxes: 3,
};
const duration = Number(args.duration);
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
const persist = ".wrangler/bench";
/** The outgoing-mail scenario's name, for --only. */
const MAIL_SCENARIO = "Outgoing email (Create Thread replies)";

function buildDataset() {
  rmSync(persist, { recursive: true, force: true });
  mkdirSync(persist, { recursive: true });
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], { capture: true });
  const keyHash = createHash("sha256").update(BENCH_KEY).digest("hex");
  const file = `${persist}/dataset.sql`;
  writeFileSync(file, datasetSql(size, keyHash));
  const started = performance.now();
  wrangler(["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", file], { capture: true });
  return (performance.now() - started) / 1000;
}

async function startWorker(): Promise<ChildProcess> {
  const child = spawn(
    "wrangler",
    [
      "dev",
      // The Worker with email() counting each message's D1 cost (scripts/bench/incoming.ts).
      "scripts/bench/worker.js",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      persist,
      "--var",
      "ATTACHMENT_SIGNING_SECRET:bench",
      "--var",
      "WEBHOOK_SECRET:bench",
      "--var",
      "MAX_PAGE_SIZE:100",
      "--var",
      "RATE_LIMIT_PER_MINUTE:0",
    ],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CI: "true" }, detached: true },
  );
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const res = await fetch(`${base}/api/ping`, { headers: { "X-FreeScout-API-Key": BENCH_KEY } });
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("wrangler dev did not start");
}

/** D1 cost of one request of the scenario, from Server-Timing (after a warm-up request). */
async function measureCost(scenario: Scenario) {
  const send = () => {
    const request = scenario.request();
    return fetch(`${base}${request.path}`, {
      method: request.method,
      headers: { "X-FreeScout-API-Key": BENCH_KEY, "Content-Type": "application/json" },
      body: request.body,
    });
  };
  await (await send()).arrayBuffer();
  const res = await send();
  await res.arrayBuffer();
  const timing = /q=(\d+) rows=(\d+) w=(\d+)/.exec(res.headers.get("Server-Timing") ?? "");
  return {
    status: res.status,
    roundTrips: Number(timing?.[1] ?? 0),
    rowsRead: Number(timing?.[2] ?? 0),
    rowsWritten: Number(timing?.[3] ?? 0),
  };
}

async function load(scenario: Scenario, connections: number) {
  const result = await autocannon({
    url: base,
    connections,
    duration,
    headers: { "X-FreeScout-API-Key": BENCH_KEY, "Content-Type": "application/json" },
    requests: [{ setupRequest: (request) => ({ ...request, ...scenario.request() }) }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

function bundleSize() {
  const output = wrangler(["deploy", "--dry-run", "--outdir", ".wrangler/bench-bundle"], { capture: true });
  const match = /Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+ KiB)/.exec(output);
  return { total: match?.[1] ?? "unknown", gzip: match?.[2] ?? "unknown" };
}

async function main() {
  console.log(`Building the dataset: ${JSON.stringify(size)}`);
  const buildSeconds = buildDataset();
  console.log(`Dataset built in ${buildSeconds.toFixed(1)} s; starting wrangler dev`);
  const worker = await startWorker();
  const results: ScenarioResult[] = [];
  let mail: MailResult | undefined;
  let incoming: IncomingResult[] = [];
  try {
    const selected = args.only ? scenarios(size).filter((s) => s.name.includes(args.only!)) : scenarios(size);
    for (const scenario of selected) {
      const cost = await measureCost(scenario);
      const one = await load(scenario, 1);
      const many = await load(scenario, 32);
      results.push({ name: scenario.name, kind: scenario.kind, example: scenario.example, cost, c1: one, c32: many });
      console.log(
        `${scenario.name}: ${one.requestsPerSecond.toFixed(0)} req/s c1, p50 ${many.p50} ms c32, q=${cost.roundTrips} rows=${cost.rowsRead}`,
      );
    }
    if (!args.only || MAIL_SCENARIO.includes(args.only)) {
      // Replies queued by the Create Thread scenario are settled first, so they are not counted.
      await waitForMailBacklog(persist);
      mail = await measureMail(base, BENCH_KEY, persist, size);
      console.log(
        `Outgoing email: ${mail.messages} replies settled in ${mail.settleSeconds.toFixed(1)} s (${mail.perSecond.toFixed(1)}/s; ${mail.sent} sent, ${mail.failed} failed)`,
      );
    }
    const incomingSelected = (name: string) => !args.only || name.includes(args.only);
    if (INCOMING_SCENARIOS.some(incomingSelected)) {
      // After the outgoing-mail scenario, so no queued reply is being sent meanwhile.
      await waitForMailBacklog(persist);
      incoming = await measureIncoming(base, size, duration, incomingSelected);
      for (const r of incoming) {
        console.log(
          `${r.name}: ${r.c1.requestsPerSecond.toFixed(0)} messages/s c1, ${r.c32.requestsPerSecond.toFixed(0)} c32; q=${r.cost.roundTrips.toFixed(1)} rows=${r.cost.rowsRead.toFixed(0)} w=${r.cost.rowsWritten.toFixed(0)} per message; outcomes ${JSON.stringify(r.outcomes)} of ${r.delivered} delivered`,
        );
      }
    }
  } finally {
    if (worker.pid) process.kill(-worker.pid, "SIGTERM");
  }
  const bundle = bundleSize();
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const report = {
    date: new Date().toISOString(),
    size,
    duration,
    buildSeconds,
    machine,
    bundle,
    results,
    mail,
    incoming,
  };
  mkdirSync("bench", { recursive: true });
  writeFileSync("bench/results.json", `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync("BENCHMARKS.md", renderMarkdown(report));
  console.log("Wrote BENCHMARKS.md and bench/results.json");
}

await main();

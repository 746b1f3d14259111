/**
 * npm run bench [-- --conversations 100000 --duration 5]
 *
 * Builds a local dataset with bulk SQL, measures its storage (SCALING.md), starts the Worker
 * with `wrangler dev` on it (scripts/bench/worker.js: the real Worker plus the floor routes),
 * and for every endpoint measures:
 * - latency at 1 and 32 requests in flight, with sub-millisecond resolution, the targets
 *   interleaved in rounds (scripts/bench/load.ts), as ratios to the floor measured in the same
 *   run: reads to one D1 round trip, writes to one batch of three statements;
 * - the Worker's CPU per request, from V8 CPU profiles of its isolate over the inspector, by
 *   component (scripts/bench/profile.ts);
 * - the D1 cost per request from the Server-Timing header (round trips, rows read, written);
 * then the outgoing- and incoming-mail scenarios. Writes BENCHMARKS.md, bench/results.json
 * and SCALING.md (into --out; the repository's files only for a whole run at the default size).
 *
 * Parts: --only <part of a scenario name> runs the scenarios whose names contain it ("Create
 * Thread" also runs the outgoing-mail scenario, "Incoming email" the incoming ones);
 * --only scaling builds the dataset and writes SCALING.md only; --skip latency,cpu,mail,
 * incoming,scaling,bundle leaves parts out; --reuse keeps the dataset of the last run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { BENCH_KEY, datasetSql } from "./bench/dataset.ts";
import {
  request as emailRequest,
  INCOMING_SCENARIOS,
  type IncomingResult,
  incomingMessages,
  measureIncoming,
} from "./bench/incoming.ts";
import { interleavedLoad, type Load, type LoadTarget, sequential } from "./bench/load.ts";
import { type MailResult, measureMail, waitForMailBacklog } from "./bench/mail.ts";
import {
  type CpuResult,
  cpuResult,
  Inspector,
  median,
  type ProfileTally,
  SourceAttribution,
  tallyProfile,
} from "./bench/profile.ts";
import { type CpuSection, renderMarkdown, type ScenarioResult } from "./bench/report.ts";
import { measureScaling, renderScaling, type ScalingResult } from "./bench/scaling.ts";
import { type Scenario, scenarios } from "./bench/scenarios.ts";
import { wrangler } from "./wrangler.ts";

const { values: args } = parseArgs({
  options: {
    conversations: { type: "string", default: "100000" },
    customers: { type: "string", default: "20000" },
    /** Seconds of load per endpoint and concurrency, over every round. */
    duration: { type: "string", default: "5" },
    rounds: { type: "string", default: "5" },
    port: { type: "string", default: "8790" },
    "inspector-port": { type: "string", default: "9329" },
    /** Requests per CPU profile (fewer when a batch passes --cpu-seconds), and profiles per endpoint. */
    "cpu-requests": { type: "string", default: "40" },
    "cpu-batches": { type: "string", default: "5" },
    "cpu-seconds": { type: "string", default: "2" },
    /** Requested sampling interval of the profiler, µs. */
    "cpu-interval": { type: "string", default: "100" },
    only: { type: "string" },
    skip: { type: "string", default: "" },
    reuse: { type: "boolean", default: false },
    out: { type: "string" },
  },
});

const size = {
  conversations: Number(args.conversations),
  customers: Number(args.customers),
  users: 25,
  mailboxes: 3,
};
const duration = Number(args.duration);
const rounds = Number(args.rounds);
const port = Number(args.port);
const inspectorPort = Number(args["inspector-port"]);
const base = `http://127.0.0.1:${port}`;
const persist = ".wrangler/bench";
const skip = new Set(args.skip.split(",").filter(Boolean));
const onlyScaling = args.only === "scaling";
const wholeRun = !args.only && skip.size === 0 && size.conversations === 100_000 && duration >= 5;
const out = args.out ?? (wholeRun ? "." : ".wrangler/bench-report");
/** The outgoing-mail scenario's name, for --only. */
const MAIL_SCENARIO = "Outgoing email (Create Thread replies)";
const headers = { "X-FreeScout-API-Key": BENCH_KEY, "Content-Type": "application/json" };

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
      // The real Worker with the floor routes and email() counting each message's D1 cost.
      "scripts/bench/worker.js",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(inspectorPort),
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

const target = (scenario: Scenario): LoadTarget => ({
  name: scenario.name,
  request: () => ({ ...scenario.request(), headers }),
});

/** D1 cost of one request of the scenario, from Server-Timing (after a warm-up request). */
async function measureCost(scenario: Scenario) {
  const send = () => {
    const request = scenario.request();
    return fetch(`${base}${request.path}`, { method: request.method, headers, body: request.body });
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

async function latency(selected: Scenario[], connections: number): Promise<Map<string, Load>> {
  const started = performance.now();
  const loads = await interleavedLoad(base, selected.map(target), {
    connections,
    seconds: duration,
    rounds,
    onRound: (round) =>
      console.log(
        `  c=${connections}: round ${round}/${rounds} done (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      ),
  });
  return loads;
}

const queues = async (action: "pause" | "resume") =>
  (await fetch(`${base}/api/__bench/queues/${action}`, { method: "POST" })).arrayBuffer();

class CpuProfiler {
  readonly tallies = new Map<string, { tallies: ProfileTally[]; requests: number[]; errors: number }>();
  private attribution = new SourceAttribution();
  readonly interval = Number(args["cpu-interval"]);

  private inspector: Inspector;

  constructor(inspector: Inspector) {
    this.inspector = inspector;
  }

  /** Profiles `work` (which answers how many requests it sent) as one batch of `name`. */
  async batch(name: string, work: () => Promise<{ requests: number; errors: number }>) {
    await this.inspector.start(this.interval);
    const done = await work();
    // Work the requests left running after their responses (ctx.waitUntil) is theirs.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const profile = await this.inspector.stop();
    const entry = this.tallies.get(name) ?? { tallies: [], requests: [], errors: 0 };
    entry.tallies.push(tallyProfile(profile, this.attribution, this.interval));
    entry.requests.push(done.requests);
    entry.errors += done.errors;
    this.tallies.set(name, entry);
  }

  /** Sequential requests of a target, batch by batch (each at most --cpu-requests or --cpu-seconds). */
  async target(t: LoadTarget) {
    const perBatch = Number(args["cpu-requests"]);
    const limitMs = Number(args["cpu-seconds"]) * 1000;
    for (let b = 0; b < Number(args["cpu-batches"]); b++) {
      await this.batch(t.name, async () => {
        const started = performance.now();
        let requests = 0;
        let errors = 0;
        while (requests < perBatch && (requests < 3 || performance.now() - started < limitMs)) {
          errors += await sequential(base, t, 1);
          requests += 1;
        }
        return { requests, errors };
      });
    }
  }

  /** The sampler's period: median gap between consecutive samples while the isolate ran, over the run. */
  periodUs(): number {
    return median([...this.tallies.values()].flatMap((e) => e.tallies.flatMap((t) => t.periods)));
  }

  results(): Map<string, CpuResult> {
    const period = this.periodUs();
    return new Map(
      [...this.tallies].map(([name, entry]) => [name, cpuResult(entry.tallies, entry.requests, period, entry.errors)]),
    );
  }
}

async function measureCpu(selected: Scenario[], incomingSelected: (name: string) => boolean, mailSelected: boolean) {
  const inspector = await Inspector.connect(inspectorPort);
  const profiler = new CpuProfiler(inspector);
  let outgoingMessages = 0;
  try {
    // Queue consumers wait meanwhile, so a request's profile holds only its own work.
    await waitForMailBacklog(persist);
    await queues("pause");
    for (const scenario of selected) {
      await profiler.target(target(scenario));
      console.log(`  CPU: ${scenario.name}`);
    }
    const messages = incomingMessages(size);
    const incomingTargets = [
      { name: INCOMING_SCENARIOS[0], next: messages.newConversation },
      { name: INCOMING_SCENARIOS[1], next: messages.reply },
    ].filter((t) => incomingSelected(t.name));
    for (const t of incomingTargets) {
      await profiler.target({
        name: t.name,
        request: () => ({ ...emailRequest(t.next()), headers: { "Content-Type": "message/rfc822" } }),
      });
      console.log(`  CPU: ${t.name}`);
    }
    // The outgoing-mail consumer: what is queued so far is sent unprofiled, then replies are
    // queued while it waits, and the profile covers only the consumer sending them.
    await queues("resume");
    await waitForMailBacklog(persist);
    if (mailSelected) {
      await queues("pause");
      const replies = 100;
      const queueing = measureMail(base, BENCH_KEY, persist, size, replies, 4);
      // measureMail waits for every reply to settle: resume once they are all queued.
      await waitForQueued(replies);
      await profiler.batch(MAIL_SCENARIO, async () => {
        await queues("resume");
        const mail = await queueing;
        outgoingMessages = mail.messages;
        return { requests: mail.messages, errors: mail.failed + mail.other };
      });
      console.log(`  CPU: ${MAIL_SCENARIO}`);
    }
  } finally {
    await queues("resume");
    await inspector.close();
  }
  return { results: profiler.results(), periodUs: profiler.periodUs(), interval: profiler.interval, outgoingMessages };
}

/** Waits until `count` threads are queued for sending (the consumer paused). */
async function waitForQueued(count: number) {
  const { openD1 } = await import("./bench/mail.ts");
  const db = openD1(persist);
  const queued = db.prepare("SELECT count(*) AS n FROM threads WHERE mail_status = 'queued'");
  const deadline = Date.now() + 120_000;
  while (Number((queued.get() as { n: number }).n) < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  db.close();
}

function bundleSize() {
  const output = wrangler(["deploy", "--dry-run", "--outdir", ".wrangler/bench-bundle"], { capture: true });
  const match = /Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+ KiB)/.exec(output);
  return { total: match?.[1] ?? "unknown", gzip: match?.[2] ?? "unknown" };
}

async function main() {
  const runStarted = performance.now();
  let buildSeconds = 0;
  if (args.reuse && existsSync(persist)) {
    console.log("Reusing the dataset of the last run");
  } else {
    console.log(`Building the dataset: ${JSON.stringify(size)}`);
    buildSeconds = buildDataset();
    console.log(`Dataset built in ${buildSeconds.toFixed(1)} s`);
  }
  mkdirSync(`${out}/bench`, { recursive: true });
  let scaling: ScalingResult | undefined;
  if (!skip.has("scaling") && (onlyScaling || !args.only)) {
    scaling = measureScaling(persist);
    writeFileSync(`${out}/SCALING.md`, renderScaling(scaling, new Date().toISOString()));
    console.log(`Wrote ${out}/SCALING.md`);
  }
  if (onlyScaling) return;

  const all = scenarios(size);
  const selected = args.only ? all.filter((s) => s.name.includes(args.only!) || s.kind === "floor") : all;
  const mailSelected = !skip.has("mail") && (!args.only || MAIL_SCENARIO.includes(args.only));
  const incomingSelected = (name: string) => !skip.has("incoming") && (!args.only || name.includes(args.only));

  console.log("Starting wrangler dev");
  const worker = await startWorker();
  const results: ScenarioResult[] = [];
  let mail: MailResult | undefined;
  let incoming: IncomingResult[] = [];
  let cpu: CpuSection | undefined;
  try {
    const costs = new Map<string, Awaited<ReturnType<typeof measureCost>>>();
    for (const scenario of selected) costs.set(scenario.name, await measureCost(scenario));
    const empty: Load = { requestsPerSecond: 0, p50: 0, p99: 0, errors: 0, requests: 0 };
    let c1 = new Map<string, Load>();
    let c32 = new Map<string, Load>();
    if (!skip.has("latency")) {
      console.log(`Latency: ${selected.length} endpoints × ${duration} s, ${rounds} rounds, c=1 then c=32`);
      c1 = await latency(selected, 1);
      c32 = await latency(selected, 32);
    }
    for (const scenario of selected) {
      results.push({
        name: scenario.name,
        kind: scenario.kind,
        floor: scenario.floor,
        example: scenario.example,
        cost: costs.get(scenario.name)!,
        c1: c1.get(scenario.name) ?? empty,
        c32: c32.get(scenario.name) ?? empty,
      });
    }
    for (const r of results) {
      console.log(
        `${r.name}: p50 ${r.c1.p50.toFixed(2)} ms c1, ${r.c32.p50.toFixed(2)} ms c32; q=${r.cost.roundTrips} rows=${r.cost.rowsRead}`,
      );
    }
    if (!skip.has("cpu")) {
      console.log("CPU profiles");
      const measured = await measureCpu(selected, incomingSelected, mailSelected);
      cpu = {
        periodUs: measured.periodUs,
        intervalUs: measured.interval,
        batches: Number(args["cpu-batches"]),
        requestsPerBatch: Number(args["cpu-requests"]),
        secondsPerBatch: Number(args["cpu-seconds"]),
        results: Object.fromEntries(measured.results),
      };
      for (const [name, r] of measured.results) {
        console.log(`  ${name}: ${r.msPerRequest.toFixed(2)} ms CPU per request`);
      }
    }
    if (mailSelected) {
      // Replies queued by the Create Thread scenario are settled first, so they are not counted.
      await waitForMailBacklog(persist);
      mail = await measureMail(base, BENCH_KEY, persist, size);
      console.log(
        `Outgoing email: ${mail.messages} replies settled in ${mail.settleSeconds.toFixed(1)} s (${mail.perSecond.toFixed(1)}/s; ${mail.sent} sent, ${mail.failed} failed)`,
      );
    }
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
  const bundle = skip.has("bundle") ? { total: "not measured", gzip: "not measured" } : bundleSize();
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const report = {
    date: new Date().toISOString(),
    size,
    duration,
    rounds,
    buildSeconds,
    runSeconds: (performance.now() - runStarted) / 1000,
    machine,
    bundle,
    results,
    cpu,
    mail,
    incoming,
    scaling,
  };
  writeFileSync(`${out}/bench/results.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${out}/BENCHMARKS.md`, renderMarkdown(report));
  console.log(`Wrote ${out}/BENCHMARKS.md and ${out}/bench/results.json in ${report.runSeconds.toFixed(0)} s`);
}

await main();

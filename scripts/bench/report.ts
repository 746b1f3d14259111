/** BENCHMARKS.md from a run's results. */
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

Requests:

${report.results.map((r) => `- ${r.name}: \`${r.example}\``).join("\n")}
`;
}

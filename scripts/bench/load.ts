/**
 * The load generator: a fixed number of requests in flight (1 or 32), each timed with
 * `performance.now()`, so latencies keep their sub-millisecond part (autocannon's histogram
 * counts whole milliseconds, which made a ~2.9 ms floor read as 2 or 4 ms). Targets are
 * interleaved: each round runs every target for a slice of its time in turn, so noise on the
 * machine (the Worker, the D1 simulator and this process share two cores) falls on every
 * target, floors included, alike.
 */
import http from "node:http";

export interface LoadRequest {
  method: "GET" | "POST" | "PUT";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadTarget {
  name: string;
  request: () => LoadRequest;
}

/** One target's load at one concurrency, over every round. Latencies in ms. */
export interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers other than 2xx, and connection errors. */
  errors: number;
  /** Requests completed (their latencies are the percentiles' sample). */
  requests: number;
}

interface Tally {
  latencies: number[];
  errors: number;
  elapsedMs: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function send(agent: http.Agent, base: URL, request: LoadRequest): Promise<number> {
  return new Promise((resolve) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, ...(body ? { "Content-Length": String(body.length) } : {}) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

async function slice(agent: http.Agent, base: URL, target: LoadTarget, connections: number, ms: number, tally: Tally) {
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const request = target.request();
        const sent = performance.now();
        const status = await send(agent, base, request);
        tally.latencies.push(performance.now() - sent);
        if (status < 200 || status >= 300) tally.errors += 1;
      }
    }),
  );
  tally.elapsedMs += performance.now() - started;
}

/**
 * Runs every target for `seconds` in all at `connections` requests in flight, in `rounds`
 * interleaved slices of `seconds / rounds` each.
 */
export async function interleavedLoad(
  baseUrl: string,
  targets: readonly LoadTarget[],
  options: { connections: number; seconds: number; rounds: number; onRound?: (round: number) => void },
): Promise<Map<string, Load>> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const tallies = new Map<string, Tally>(targets.map((t) => [t.name, { latencies: [], errors: 0, elapsedMs: 0 }]));
  const sliceMs = (options.seconds * 1000) / options.rounds;
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const target of targets) {
        await slice(agent, base, target, options.connections, sliceMs, tallies.get(target.name)!);
      }
      options.onRound?.(round + 1);
    }
  } finally {
    agent.destroy();
  }
  return new Map(
    [...tallies].map(([name, tally]) => {
      const sorted = tally.latencies.sort((a, b) => a - b);
      return [
        name,
        {
          requestsPerSecond: tally.elapsedMs > 0 ? (sorted.length * 1000) / tally.elapsedMs : 0,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          errors: tally.errors,
          requests: sorted.length,
        },
      ];
    }),
  );
}

/** Sends `count` requests one after another (for the CPU profile); returns how many were not 2xx. */
export async function sequential(baseUrl: string, target: LoadTarget, count: number): Promise<number> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let errors = 0;
  try {
    for (let i = 0; i < count; i++) {
      const status = await send(agent, base, target.request());
      if (status < 200 || status >= 300) errors += 1;
    }
  } finally {
    agent.destroy();
  }
  return errors;
}

/**
 * Worker CPU per request, from V8 CPU profiles of the Worker's own isolate: `wrangler dev
 * --inspector-port` serves the Chrome DevTools Protocol for the user Worker only (the local D1
 * simulator runs in another isolate, so its SQLite time is not in the profile). For each target
 * a fixed number of requests is sent one after another while the profiler runs
 * (Profiler.start / Profiler.stop), in a few batches; CPU per request is a batch's sampled
 * non-idle time over its requests, and the median over the batches is reported.
 *
 * Sampled time: workerd takes a sample only while the isolate is in use, so a gap between two
 * samples is not time spent; each non-idle sample counts as one sampling period, measured as
 * the median gap between consecutive samples while the isolate ran (the requested interval
 * plus the sampler's own delay). Each sample is attributed to a component by its innermost
 * frame that has a source (through the bundle's source map: file -> package); native frames
 * (fetch, Response, digest...) count for the code that called them. Queue consumers are held
 * while requests are profiled (scripts/bench/worker.js), so a profile holds only the requests'
 * own work, what they leave running after the response included.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const COMPONENTS = [
  "Hono + middleware",
  "zod",
  "Drizzle: query building",
  "Drizzle: row mapping",
  "D1 client",
  "presenting + JSON",
  "routes + domain",
  "MIME parsing",
  "GC",
  "V8/workerd (program)",
  "dev + bench wrappers",
  "other",
] as const;
export type Component = (typeof COMPONENTS)[number];

/** Drizzle functions that turn driver rows into objects (the rest builds and runs queries). */
const DRIZZLE_MAPPING = new Set([
  "mapResultRow",
  "mapRelationalRow",
  "mapFromDriverValue",
  "mapAllResult",
  "mapGetResult",
  "mapColumnValue",
]);

/**
 * The component of a frame from its original source (a path as the source map names it), its
 * function name and its script URL; "inherit" when the frame counts for its caller.
 */
export function componentOf(
  source: string | undefined,
  functionName: string,
  url: string,
  /** The source line the function starts on, when the map carries the sources. */
  text = "",
  /** The named function the frame's function is written in (for callbacks), from the source. */
  enclosing = "",
): Component | "inherit" {
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(program)") return "V8/workerd (program)";
  if (functionName === "(root)") return "other";
  if (url.startsWith("cloudflare-internal:")) return url.includes("d1") ? "D1 client" : "inherit";
  if (!url) return functionName === "stringify" ? "presenting + JSON" : "inherit";
  if (!source) return "other";
  const at = source.lastIndexOf("node_modules/");
  if (at >= 0) {
    const rest = source.slice(at + "node_modules/".length);
    // drizzle-orm's own source maps name its files ../src/... (node_modules/src/ once resolved)
    if (rest.startsWith("drizzle-orm/") || rest.startsWith("src/")) {
      // A callback (a row's columns in mapResultRow) counts for the function it is written in.
      if (DRIZZLE_MAPPING.has(functionName || enclosing)) return "Drizzle: row mapping";
      return /(^|\/)d1\/session\.[jt]s$/.test(rest) ? "D1 client" : "Drizzle: query building";
    }
    if (/^(zod|@hono\/zod-openapi|@hono\/zod-validator|@asteasolutions\/zod-to-openapi)\//.test(rest)) return "zod";
    // Context's json(): JSON.stringify and the Response.
    if (rest.startsWith("hono/")) return /^\s*json\s*=/.test(text) ? "presenting + JSON" : "Hono + middleware";
    if (rest.startsWith("postal-mime/")) return "MIME parsing";
    if (rest.startsWith("wrangler/")) return "dev + bench wrappers";
    return "other";
  }
  if (/(^|\/)scripts\/bench\/|(^|\/)bundle-[^/]+\//.test(source)) return "dev + bench wrappers";
  const src = /(?:^|\/)src\/(.*)$/.exec(source)?.[1];
  if (src === undefined) return "other";
  if (src.startsWith("present/")) return "presenting + JSON";
  if (src === "db/instrument.ts") return "D1 client";
  if (
    /^http\/(middleware\/|app\.ts|routeTable\.ts|validationHook\.ts|zodErrors\.ts|phpForm\.ts|bracketedQuery\.ts)/.test(
      src,
    )
  )
    return "Hono + middleware";
  return "routes + domain";
}

/** The newest bundle `wrangler dev` wrote (it names its script plainly `worker.js`). */
export function newestDevBundle(tmp = ".wrangler/tmp"): string | undefined {
  const bundles = readdirSync(tmp)
    .filter((dir) => dir.startsWith("dev-") && existsSync(`${tmp}/${dir}/worker.js.map`))
    .map((dir) => `${tmp}/${dir}/worker.js`);
  return bundles.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

const NOT_FUNCTIONS = new Set(["if", "for", "while", "switch", "catch", "return", "function", "super"]);

/** The name of the nearest function or method declared at or above `line` (0-based) in `lines`. */
export function enclosingFunction(lines: readonly string[], line: number): string {
  for (let i = line; i >= 0 && i > line - 200; i--) {
    const text = lines[i] ?? "";
    const declared = /^\s*(?:export\s+)?(?:async\s+)?function\*?\s+([\w$]+)/.exec(text)?.[1];
    if (declared) return declared;
    const method = /^\s*(?:(?:public|private|protected|static|async|override|get|set)\s+)*([\w$]+)\s*(?:<.*>)?\(/.exec(
      text,
    )?.[1];
    if (method && !NOT_FUNCTIONS.has(method) && /\{\s*$|\($/.test(text)) return method;
  }
  return "";
}

/** Maps bundle positions to original sources, one source map per script URL. */
export class SourceAttribution {
  private maps = new Map<string, SourceMap | null>();
  private resolve: (url: string) => string | undefined;

  /** `resolve` names the file of a script URL (its map is beside it, `.map`). */
  constructor(
    resolve: (url: string) => string | undefined = (url) =>
      url.startsWith("file:") ? fileURLToPath(url) : newestDevBundle(),
  ) {
    this.resolve = resolve;
  }

  private lines = new Map<string, string[]>();

  /** The original source, line (1-based) and its text of a position in a script (0-based, as profiles give them). */
  source(
    url: string,
    line: number,
    column: number,
  ): { file: string; line: number; text: string; enclosing: string } | undefined {
    if (!url || url.startsWith("cloudflare-internal:")) return undefined;
    let map = this.maps.get(url);
    if (map === undefined) {
      try {
        const file = this.resolve(url);
        map = file ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8"))) : null;
      } catch {
        map = null;
      }
      this.maps.set(url, map);
    }
    const entry = map?.findEntry(line, column);
    if (!map || !entry || !("originalSource" in entry)) return undefined;
    const file = entry.originalSource;
    let lines = this.lines.get(file);
    if (!lines) {
      const payload = map.payload as { sources: string[]; sourcesContent?: (string | null)[] };
      lines = (payload.sourcesContent?.[payload.sources.indexOf(file)] ?? "").split("\n");
      this.lines.set(file, lines);
    }
    return {
      file,
      line: entry.originalLine + 1,
      text: lines[entry.originalLine] ?? "",
      enclosing: enclosingFunction(lines, entry.originalLine),
    };
  }
}

/** What one profile's samples add up to. */
export interface ProfileTally {
  /** Non-idle samples of the requests, per component. */
  samples: Partial<Record<Component, number>>;
  idle: number;
  /** Self samples per function (`name (source)`), for the heaviest functions. */
  functions: Record<string, number>;
  /** Gaps between consecutive samples short enough to be the sampler's period (µs). */
  periods: number[];
}

export function tallyProfile(profile: Profile, attribution: SourceAttribution, intervalUs: number): ProfileTally {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const resolved = new Map<number, { component: Component; label: string; idle: boolean }>();
  const resolve = (id: number): { component: Component; label: string; idle: boolean } => {
    const known = resolved.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const source = attribution.source(url, lineNumber, columnNumber);
    const up = parent.has(id) ? resolve(parent.get(id)!) : undefined;
    const own = componentOf(source?.file, functionName, url, source?.text, source?.enclosing);
    const result = {
      component: own === "inherit" ? (up?.component ?? "other") : own,
      label: `${functionName || "(anonymous)"} (${source ? `${source.file.replace(/^(\.\.\/)+/, "")}:${source.line}` : url || "native"})`,
      idle: functionName === "(idle)",
    };
    resolved.set(id, result);
    return result;
  };
  const tally: ProfileTally = { samples: {}, idle: 0, functions: {}, periods: [] };
  profile.samples.forEach((id, i) => {
    const gap = profile.timeDeltas[i] ?? 0;
    if (i > 0 && gap > 0 && gap <= 2.5 * intervalUs) tally.periods.push(gap);
    const sample = resolve(id);
    if (sample.idle) tally.idle += 1;
    else {
      tally.samples[sample.component] = (tally.samples[sample.component] ?? 0) + 1;
      tally.functions[sample.label] = (tally.functions[sample.label] ?? 0) + 1;
    }
  });
  return tally;
}

export const median = (values: readonly number[]) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** One target's CPU, in ms per request (or per message). */
export interface CpuResult {
  /** Median over the batches of a batch's non-idle CPU over its requests. */
  msPerRequest: number;
  /** Each batch's CPU per request. */
  batches: number[];
  /** Requests over every batch. */
  requests: number;
  /** Mean over every batch, per component (these add up to about msPerRequest). */
  components: Partial<Record<Component, number>>;
  /** The heaviest functions by self time, ms per request. */
  topFunctions: [string, number][];
  errors: number;
}

/** `requests[i]` is how many requests batch `i` (`tallies[i]`) sent. */
export function cpuResult(
  tallies: readonly ProfileTally[],
  requestsPerBatch: readonly number[],
  periodUs: number,
  errors = 0,
): CpuResult {
  const ms = (samples: number) => (samples * periodUs) / 1000;
  const sum = (record: Partial<Record<string, number>>) =>
    Object.values(record).reduce((a: number, b) => a + (b ?? 0), 0);
  const requests = requestsPerBatch.reduce((a, b) => a + b, 0) || 1;
  const components: Partial<Record<Component, number>> = {};
  const functions: Record<string, number> = {};
  for (const tally of tallies) {
    for (const [component, n] of Object.entries(tally.samples)) {
      components[component as Component] = (components[component as Component] ?? 0) + ms(n ?? 0) / requests;
    }
    for (const [name, n] of Object.entries(tally.functions)) functions[name] = (functions[name] ?? 0) + n;
  }
  const batches = tallies.map((tally, i) => ms(sum(tally.samples)) / (requestsPerBatch[i] || 1));
  return {
    msPerRequest: median(batches),
    batches,
    requests,
    components,
    topFunctions: Object.entries(functions)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, n]) => [name, ms(n) / requests]),
    errors,
  };
}

/** A Chrome DevTools Protocol session with the Worker's isolate through wrangler dev's inspector proxy. */
export class Inspector {
  private nextId = 1;
  private pending = new Map<number, { method: string; resolve: (message: Record<string, unknown>) => void }>();

  private socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; method?: string; result?: unknown };
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting) return;
      // workerd handles some Profiler commands itself and answers with the command; Profiler.stop
      // has to wait for its result.
      if (message.result === undefined && !("error" in message) && waiting.method === "Profiler.stop") return;
      this.pending.delete(message.id!);
      waiting.resolve(message);
    });
  }

  static async connect(port: number): Promise<Inspector> {
    // The proxy accepts local origins only.
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
      headers: { Origin: "http://localhost" },
    } as unknown as string[]);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => resolve(), { once: true });
      socket.addEventListener("error", () => reject(new Error(`no inspector on port ${port}`)), { once: true });
      socket.addEventListener("close", (e) => reject(new Error(`inspector closed: ${e.code} ${e.reason}`)), {
        once: true,
      });
    });
    return new Inspector(socket);
  }

  send(method: string, params?: Record<string, unknown>, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer from the inspector`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (message) => {
          clearTimeout(timer);
          if ("error" in message) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
          else resolve(message);
        },
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async start(intervalUs: number): Promise<void> {
    await this.send("Profiler.enable");
    await this.send("Profiler.setSamplingInterval", { interval: intervalUs });
    await this.send("Profiler.start");
  }

  async stop(): Promise<Profile> {
    const message = await this.send("Profiler.stop");
    return (message.result as { profile: Profile }).profile;
  }

  async close(): Promise<void> {
    const closed = new Promise((resolve) => {
      this.socket.addEventListener("close", resolve, { once: true });
      setTimeout(resolve, 2000);
    });
    this.socket.close();
    await closed;
  }
}

/**
 * The benchmark's Worker entry (`wrangler dev scripts/bench/worker.js`, only under `npm run
 * bench`): the real Worker of src/index.ts, except that
 * - email() gives the handler Services whose D1 is counted by the same instrument as the HTTP
 *   `Server-Timing` header (src/db/instrument.ts), and `GET /api/__bench/email-stats` answers
 *   what the messages cost (`DELETE` answers and resets): the email() handler has no response
 *   to carry the numbers;
 * - the floor routes, the latency every endpoint is compared with, run through the real app
 *   (every middleware, the API key check included) and do the least an endpoint can:
 *   `GET /api/__bench/floor/none` answers constant JSON (no D1, like /api/ping),
 *   `/api/__bench/floor/d1` makes one D1 round trip (`SELECT 1`), `/api/__bench/floor/batch`
 *   one `batch()` of three trivial statements (the floor of a write, which is one batch).
 * - `POST /api/__bench/queues/pause` holds queue batches (the consumers wait before running)
 *   until `POST /api/__bench/queues/resume`, so the CPU profile of a request does not take in
 *   the outgoing mail it queued (scripts/bench/profile.ts), and the consumer can be profiled
 *   apart.
 * This keeps the counting and the floors out of the deployed Worker. Plain JavaScript so the
 * scripts' Node type check (tsconfig.node.json) does not take in the Worker's sources and types.
 */
import { newD1Stats } from "../../src/db/instrument";
import { handleEmail } from "../../src/email/handler";
import { createApp } from "../../src/http/app";
import worker from "../../src/index";
import { createServices } from "../../src/services";

const STATS_PATH = "/api/__bench/email-stats"; // scripts/bench/incoming.ts reads it
const FLOOR_PATH = "/api/__bench/floor"; // scripts/bench/scenarios.ts names the floors
const QUEUES_PATH = "/api/__bench/queues/"; // scripts/bench.ts pauses and resumes them

let queuesPaused = false;

/** The real app with the floor routes added after every middleware (so they pass through them all). */
const app = createApp();
/**
 * The request's D1 client, as every query of the request uses it (its D1 session, counted for
 * Server-Timing): the one src/db/client.ts's createDb gave the request's Drizzle view.
 * @param {import("hono").Context<import("../../src/http/env").AppEnv>} c
 */
const d1 = (c) => {
  const client = /** @type {{ session?: { client?: D1Database } }} */ (/** @type {unknown} */ (c.var.db)).session
    ?.client;
  if (!client) throw new Error("scripts/bench/worker.js: the request's Drizzle instance holds no D1 client");
  return client;
};
app.get(`${FLOOR_PATH}/none`, (c) => c.json({ status: "ok" }));
app.get(`${FLOOR_PATH}/d1`, async (c) => {
  const { results } = await d1(c).prepare("SELECT 1 AS one").all();
  return c.json({ status: "ok", one: results[0]?.one });
});
app.get(`${FLOOR_PATH}/batch`, async (c) => {
  const db = d1(c);
  const results = await db.batch([
    db.prepare("SELECT 1 AS n"),
    db.prepare("SELECT 2 AS n"),
    db.prepare("SELECT 3 AS n"),
  ]);
  return c.json({ status: "ok", statements: results.length });
});

/** @type {{ outcome: string, atReturn: import("../../src/db/instrument").D1Stats, live: import("../../src/db/instrument").D1Stats }[]} */
let messages = [];

const keys = /** @type {const} */ (["roundTrips", "rowsRead", "rowsWritten"]);

/** Per outcome: messages, and the D1 totals when the handler returned and with its background work since. */
function summary() {
  /** @type {Record<string, { messages: number, atReturn: Record<string, number>, withBackground: Record<string, number> }>} */
  const byOutcome = {};
  for (const message of messages) {
    byOutcome[message.outcome] ??= {
      messages: 0,
      atReturn: { roundTrips: 0, rowsRead: 0, rowsWritten: 0 },
      withBackground: { roundTrips: 0, rowsRead: 0, rowsWritten: 0 },
    };
    const entry = byOutcome[message.outcome];
    entry.messages += 1;
    for (const key of keys) {
      entry.atReturn[key] += message.atReturn[key];
      entry.withBackground[key] += message.live[key];
    }
  }
  return byOutcome;
}

export default {
  ...worker,
  /** @type {ExportedHandlerFetchHandler<Env>} */
  fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    if (path.startsWith(QUEUES_PATH) && request.method === "POST") {
      queuesPaused = path.endsWith("/pause");
      return Response.json({ paused: queuesPaused });
    }
    if (path === STATS_PATH) {
      const body = summary();
      if (request.method === "DELETE") messages = [];
      return Response.json(body);
    }
    return app.fetch(request, env, ctx);
  },
  /** @type {ExportedHandlerQueueHandler<Env, any>} */
  async queue(batch, env, ctx) {
    while (queuesPaused) await new Promise((resolve) => setTimeout(resolve, 50));
    return worker.queue(batch, env, ctx);
  },
  /** @type {EmailExportedHandler<Env>} */
  async email(message, env, ctx) {
    const live = newD1Stats();
    try {
      const result = await handleEmail(message, createServices(env, ctx, { d1Stats: live }));
      messages.push({ outcome: result.outcome, atReturn: { ...live }, live });
    } catch (error) {
      messages.push({ outcome: "exception", atReturn: { ...live }, live });
      throw error;
    }
  },
};

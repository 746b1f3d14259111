/**
 * The benchmark's Worker entry (`wrangler dev scripts/bench/worker.js`, only under `npm run
 * bench`): the real Worker of src/index.ts, except that email() gives the handler Services
 * whose D1 is counted by the same instrument as the HTTP `Server-Timing` header
 * (src/db/instrument.ts), and `GET /api/__bench/email-stats` answers what the messages cost
 * (`DELETE` answers and resets). The email() handler has no response to carry the numbers, and
 * this keeps the counting out of the deployed Worker. Plain JavaScript so the scripts' Node type
 * check (tsconfig.node.json) does not take in the Worker's sources and types.
 */
import { newD1Stats } from "../../src/db/instrument";
import { handleEmail } from "../../src/email/handler";
import worker from "../../src/index";
import { createServices } from "../../src/services";

const STATS_PATH = "/api/__bench/email-stats"; // scripts/bench/incoming.ts reads it

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
    if (new URL(request.url).pathname === STATS_PATH) {
      const body = summary();
      if (request.method === "DELETE") messages = [];
      return Response.json(body);
    }
    return worker.fetch(request, env, ctx);
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

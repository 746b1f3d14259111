import { is } from "drizzle-orm";
import { DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { SQLiteRaw } from "drizzle-orm/sqlite-core/query-builders/raw";
import * as schema from "./schema";

/**
 * Drizzle over D1, built once per isolate. What changes per request is only the D1 client
 * queries go to (the request's D1 session, counted for Server-Timing: src/db/instrument.ts):
 * `createDb(d1)` answers a view of the isolate's instance, two `Object.create` calls, whose
 * Drizzle session holds that client. Everything else (the dialect, the schema's relational
 * config Drizzle extracts from every table, the builders' prototypes) is shared. Every query
 * builder, `batch`, `run`/`all`/`get`/`values`, `$count` and `with` read the client through
 * `this.session`; the relational `db.query` API does not (its builders hold the isolate's
 * session) and throws when used: select() instead.
 */

const noClient = (): never => {
  throw new Error("Queries run on a createDb(d1) view: the isolate's Drizzle instance has no D1 client");
};
/** What the isolate's instance gives a statement it prepares (src/db/prepared.ts): nothing to run. */
const noStatement = { bind: noClient, all: noClient, run: noClient, first: noClient, raw: noClient };
const isolate = drizzle({ prepare: () => noStatement, batch: noClient } as unknown as D1Database, { schema });

/**
 * drizzle-orm 0.45's D1 batch cannot bind parameters of raw statements
 * (`db.run(sql`...`)`): it expects a prepared `stmt` that SQLiteRaw lacks. We give each raw
 * item its statement, from the view's own client, before handing the batch over (covered by
 * src/db/client.test.ts).
 */
isolate.batch = function (this: Database, items) {
  const client = (this as unknown as { session: { client: D1Database } }).session.client;
  for (const item of items) {
    if (is(item, SQLiteRaw)) Object.assign(item, { stmt: client.prepare(item.getQuery().sql) });
  }
  return DrizzleD1Database.prototype.batch.call(this, items) as ReturnType<typeof isolate.batch>;
};

export type Database = typeof isolate;

/** The isolate's instance itself, for statements prepared once (src/db/prepared.ts); it runs nothing. */
export const isolateDb: Database = isolate;

const isolateSession = (isolate as unknown as { session: object }).session;

/** The isolate's Drizzle instance running its queries on `d1` (a binding, a session, or a counting client). */
export function createDb(d1: Pick<D1Database, "prepare" | "batch">): Database {
  const session = Object.create(isolateSession);
  session.client = d1;
  const db = Object.create(isolate);
  db.session = session;
  return db;
}

/**
 * Statements built once per isolate, with placeholders for what changes per request. Drizzle
 * builds a query's SQL from its builder every time it runs, the largest CPU item of a read;
 * a prepared statement keeps its SQL text and its row mapping, and a request only fills in
 * its values and runs it on its own D1 client, as an item of the request's batch.
 */
import { fillPlaceholders } from "drizzle-orm";
import { type Database, isolateDb } from "./client";

interface PreparedQuery<R> {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(response: unknown, isFromBatch?: boolean): unknown;
  /** Type only: what the statement's rows map to. */
  readonly _result?: R;
}

/** A prepared statement, built on first use. */
export type Prepared<R> = () => PreparedQuery<R>;

/** A select prepared on first use (`build` gets the isolate's instance and uses `sql.placeholder`). */
export function preparedOnce<R>(
  build: (db: Database) => { prepare(): { execute(...args: never[]): Promise<R> } },
): Prepared<R> {
  let prepared: PreparedQuery<R> | undefined;
  return () => (prepared ??= build(isolateDb).prepare() as unknown as PreparedQuery<R>);
}

/**
 * A prepared statement with its values, on the client of `db` (a request's view): an item of
 * `db.batch()` as Drizzle runs its own (it asks for `_prepare()`, then `getQuery()`, `stmt`
 * and `mapResult`), answering the rows the statement maps to.
 */
export class BoundStatement<R> {
  declare readonly _: { result: R };

  constructor(
    private readonly prepared: PreparedQuery<R>,
    private readonly client: Pick<D1Database, "prepare">,
    private readonly values: Record<string, unknown>,
  ) {}

  _prepare() {
    return this;
  }

  getQuery() {
    const { sql, params } = this.prepared.getQuery();
    return { sql, params: fillPlaceholders(params, this.values) };
  }

  /** As Drizzle's builders answer it: the SQL and the values bound to it. */
  toSQL() {
    return this.getQuery();
  }

  get stmt() {
    return this.client.prepare(this.prepared.getQuery().sql);
  }

  mapResult(response: unknown, isFromBatch?: boolean) {
    return this.prepared.mapResult(response, isFromBatch);
  }
}

/** `statement` with `values`, to run in a batch of `db`. */
export function bind<R>(db: Database, statement: Prepared<R>, values: Record<string, unknown>) {
  const client = (db as unknown as { session: { client: Pick<D1Database, "prepare"> } }).session.client;
  return new BoundStatement(statement(), client, values);
}

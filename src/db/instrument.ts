/**
 * Counts what a request costs D1: round trips (a query or a batch each), rows read and
 * written (D1's own `meta`), and time spent waiting. Served to clients and operators in
 * `Server-Timing: db;dur=<ms>;desc="q=<round trips> rows=<read> w=<written>"`.
 * `raw()` has no meta, so it is served by `run()` with rows turned into arrays, as
 * drizzle itself does for statements in a batch; `first()` rows are not counted.
 * Either way rows arrive keyed by column name: a select must not name two columns alike
 * (alias joined columns), or the later one overwrites the earlier.
 *
 * `CountingD1` is the D1 client Drizzle runs over (src/db/client.ts): one per request (or
 * queue batch, cron tick, email), a plain object over the request's D1 session. Its
 * statements are small class instances, not proxies, so counting costs a few field updates.
 */
export const MAX_BOUND_PARAMETERS = 100;

export interface D1Stats {
  roundTrips: number;
  rowsRead: number;
  rowsWritten: number;
  waitMs: number;
}

export const newD1Stats = (): D1Stats => ({ roundTrips: 0, rowsRead: 0, rowsWritten: 0, waitMs: 0 });

type Meta = { rows_read?: number; rows_written?: number } | undefined;

/** What queries run on: the D1 binding itself (always the primary) or one of its sessions. */
export type D1Target = Pick<D1Database, "prepare" | "batch">;

const metaOf = (result: D1Result): Meta[] => [result.meta as Meta];
const metasOf = (results: D1Result[]): Meta[] => results.map((result) => result.meta as Meta);
const noMeta = (): Meta[] => [];

/** A D1Database-like client over one binding or session that counts into `stats`. */
export class CountingD1 {
  constructor(
    readonly target: D1Target,
    readonly stats: D1Stats,
  ) {}

  prepare(query: string): D1PreparedStatement {
    return new CountedStatement(this, this.target.prepare(query)) as unknown as D1PreparedStatement;
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    const inner = statements.map((s) => (s instanceof CountedStatement ? s.inner : s));
    return this.track(this.target.batch<T>(inner), metasOf);
  }

  async track<T>(work: Promise<T>, metas: (result: T) => Meta[]): Promise<T> {
    const { stats } = this;
    const started = performance.now();
    try {
      const result = await work;
      for (const meta of metas(result)) {
        stats.rowsRead += meta?.rows_read ?? 0;
        stats.rowsWritten += meta?.rows_written ?? 0;
      }
      return result;
    } finally {
      stats.roundTrips += 1;
      stats.waitMs += performance.now() - started;
    }
  }
}

class CountedStatement {
  constructor(
    readonly d1: CountingD1,
    readonly inner: D1PreparedStatement,
  ) {}

  bind(...values: unknown[]): CountedStatement {
    // Production D1 refuses more; local D1 does not, so the limit is enforced here.
    if (values.length > MAX_BOUND_PARAMETERS) {
      throw new Error(`D1 takes at most ${MAX_BOUND_PARAMETERS} bound parameters per statement, got ${values.length}`);
    }
    return new CountedStatement(this.d1, this.inner.bind(...values));
  }

  all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    return this.d1.track(this.inner.all<T>(), metaOf);
  }

  run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    return this.d1.track(this.inner.run<T>(), metaOf);
  }

  first<T = unknown>(column?: string): Promise<T | null> {
    return this.d1.track(column ? this.inner.first<T>(column) : this.inner.first<T>(), noMeta);
  }

  async raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<T[]> {
    const result = await this.d1.track(this.inner.run<Record<string, unknown>>(), metaOf);
    const rows = result.results.map((row) => Object.values(row));
    const first = result.results[0];
    return (options?.columnNames ? [first ? Object.keys(first) : [], ...rows] : rows) as T[];
  }
}

/** `d1` (a binding or a session) counting into `stats`, typed as the binding Drizzle takes. */
export function instrumentD1(d1: D1Target, stats: D1Stats): D1Database {
  return new CountingD1(d1, stats) as unknown as D1Database;
}

export function serverTiming(stats: D1Stats): string {
  return `db;dur=${stats.waitMs.toFixed(1)};desc="q=${stats.roundTrips} rows=${stats.rowsRead} w=${stats.rowsWritten}"`;
}

/**
 * Counts what a request costs D1: round trips (a query or a batch each), rows read and
 * written (D1's own `meta`), and time spent waiting. Served to clients and operators in
 * `Server-Timing: db;dur=<ms>;desc="q=<round trips> rows=<read> w=<written>"`.
 * `raw()` has no meta, so it is served by `run()` with rows turned into arrays, as
 * drizzle itself does for statements in a batch; `first()` rows are not counted.
 * Either way rows arrive keyed by column name: a select must not name two columns alike
 * (alias joined columns), or the later one overwrites the earlier.
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

export function instrumentD1(d1: D1Database, stats: D1Stats): D1Database {
  async function track<T>(work: Promise<T>, metas: (result: T) => Meta[]): Promise<T> {
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

  const statement = (inner: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(inner, {
      get(target, prop) {
        switch (prop) {
          case "bind":
            return (...values: unknown[]) => {
              // Production D1 refuses more; local D1 does not, so the limit is enforced here.
              if (values.length > MAX_BOUND_PARAMETERS) {
                throw new Error(
                  `D1 takes at most ${MAX_BOUND_PARAMETERS} bound parameters per statement, got ${values.length}`,
                );
              }
              return statement(target.bind(...values));
            };
          case "all":
          case "run":
            return () => track(target[prop](), (r) => [r.meta as Meta]);
          case "first":
            return (column?: string) => track(column ? target.first(column) : target.first(), () => []);
          case "raw":
            return async (options?: { columnNames?: boolean }) => {
              const result = await track(target.run<Record<string, unknown>>(), (r) => [r.meta as Meta]);
              const rows = result.results.map((row) => Object.values(row));
              const first = result.results[0];
              return options?.columnNames ? [first ? Object.keys(first) : [], ...rows] : rows;
            };
          case "__inner":
            return target;
          default: {
            const value = Reflect.get(target, prop, target);
            return typeof value === "function" ? value.bind(target) : value;
          }
        }
      },
    });

  return new Proxy(d1, {
    get(target, prop) {
      if (prop === "prepare") return (query: string) => statement(target.prepare(query));
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) =>
          track(
            target.batch(statements.map((s) => (s as unknown as { __inner?: D1PreparedStatement }).__inner ?? s)),
            (results) => results.map((r) => r.meta as Meta),
          );
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function serverTiming(stats: D1Stats): string {
  return `db;dur=${stats.waitMs.toFixed(1)};desc="q=${stats.roundTrips} rows=${stats.rowsRead} w=${stats.rowsWritten}"`;
}

import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * The id the last INSERT into an AUTOINCREMENT table allocated. Inside one D1 batch
 * (a single transaction, writes serialised) this is the row the batch itself inserted,
 * which lets later statements of the batch refer to it.
 */
export const lastInsertedId = (table: string): SQL => sql`(SELECT seq FROM sqlite_sequence WHERE name = ${table})`;

export const isUniqueViolation = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed/i.test(`${error.message} ${String(error.cause ?? "")}`);

/** A write that referred to a row deleted since it was read (e.g. a conversation deleted concurrently). */
export const isForeignKeyViolation = (error: unknown) =>
  error instanceof Error && /FOREIGN KEY constraint failed/i.test(`${error.message} ${String(error.cause ?? "")}`);

/**
 * `column IN (1, 2, 3)` with the ids written into the SQL: D1 binds at most 100 parameters
 * per statement, and a page can need more ids than that. Only safe integers get in.
 */
export function inIds(column: SQLWrapper, ids: readonly number[]): SQL {
  return ids.length === 0 ? sql`0` : sql`${column} IN (${idList(ids)})`;
}

/** Ids as literal SQL (`1, 2, 3`), checked to be safe integers. */
export function idList(ids: readonly number[]): SQL {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
  return sql.raw(ids.join(", "));
}

/** `column IN (...)` for texts, bound as one JSON parameter. */
export const inTexts = (column: SQLWrapper, values: readonly string[]): SQL =>
  values.length === 0 ? sql`0` : sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

/** Rows for multi-row inserts in chunks that stay within D1's 100 bound parameters. */
export function insertChunks<T extends object>(rows: readonly T[]): T[][] {
  const columns = Math.max(1, ...rows.map((row) => Object.keys(row).length));
  const size = Math.max(1, Math.floor(100 / columns));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/**
 * Rows a statement in a batch answered through RETURNING (a Drizzle `.returning()` array or a
 * raw D1 result). Writes decide with it, never with `meta.changes`: D1 counts rows that
 * triggers wrote there too (FTS5 indexes, counters), and a statement that changed no row can
 * report the count of an earlier one.
 */
export function returnedRows(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const rows = (result as { results?: unknown[] } | null | undefined)?.results;
  return Array.isArray(rows) ? rows.length : 0;
}

import { sql, type SQL } from "drizzle-orm";

/**
 * The id the last INSERT into an AUTOINCREMENT table allocated. Inside one D1 batch
 * (a single transaction, writes serialised) this is the row the batch itself inserted,
 * which lets later statements of the batch refer to it.
 */
export const lastInsertedId = (table: string): SQL =>
  sql`(SELECT seq FROM sqlite_sequence WHERE name = ${table})`;

export const isUniqueViolation = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed/i.test(`${error.message} ${String(error.cause ?? "")}`);

/** A write that referred to a row deleted since it was read (e.g. a conversation deleted concurrently). */
export const isForeignKeyViolation = (error: unknown) =>
  error instanceof Error && /FOREIGN KEY constraint failed/i.test(`${error.message} ${String(error.cause ?? "")}`);

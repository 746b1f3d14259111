import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "./client";

export type Statement = BatchItem<"sqlite">;

/**
 * Reserves `count` ids of an AUTOINCREMENT table by advancing its sqlite_sequence entry,
 * so a write batch can insert parent and child rows with ids known in advance.
 * Returns two statements for a batch; the second yields `{ seq }`, the last id reserved
 * (the range is `seq - count + 1 .. seq`). Unused reservations only leave gaps.
 */
export function reserveIds(db: Database, table: string, count: number): [Statement, Statement] {
  return [
    db.run(sql`INSERT INTO sqlite_sequence (name, seq)
      SELECT ${table}, coalesce((SELECT max(rowid) FROM ${sql.identifier(table)}), 0)
      WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${table})`),
    db.run(sql`UPDATE sqlite_sequence SET seq = seq + ${count} WHERE name = ${table} RETURNING seq`),
  ];
}

/** The ids reserved by `reserveIds`, from the D1 result of its second statement. */
export function reservedRange(result: unknown, count: number): number[] {
  const rows = (result as { results?: { seq: number }[] }).results;
  const last = rows?.[0]?.seq;
  if (typeof last !== "number") throw new Error("id reservation returned no sequence");
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

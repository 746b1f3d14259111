import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client";
import type { BoundStatement } from "../db/prepared";

/** A statement of a batch: a Drizzle query, or one prepared once and bound (src/db/prepared.ts). */
export type Statement = BatchItem<"sqlite"> | BoundStatement<unknown>;
export type Statements = Record<string, Statement>;
export type Results<S extends Statements> = { [K in keyof S]: S[K]["_"]["result"] };

/**
 * Runs named statements in one D1 batch (one round trip, one transaction) and hands each
 * result back under its statement's name: `const { mailbox, users } = await namedBatch(db, { ... })`.
 */
export async function namedBatch<S extends Statements>(db: Database, statements: S): Promise<Results<S>> {
  const names = Object.keys(statements);
  const items = names.map((name) => statements[name] as Statement);
  const results = await db.batch(items as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return Object.fromEntries(names.map((name, i) => [name, results[i]])) as Results<S>;
}

import { is } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { SQLiteRaw } from "drizzle-orm/sqlite-core/query-builders/raw";
import * as schema from "./schema";

/**
 * Drizzle over D1. drizzle-orm 0.45's D1 batch cannot bind parameters of raw statements
 * (`db.run(sql`...`)`): it expects a prepared `stmt` that SQLiteRaw lacks. We give each raw
 * item its statement before handing the batch over (covered by src/db/client.test.ts).
 */
export const createDb = (d1: D1Database) => {
  const db = drizzle(d1, { schema });
  const batch = db.batch.bind(db);
  const withStatements: typeof db.batch = (items) => {
    for (const item of items) {
      if (is(item, SQLiteRaw)) Object.assign(item, { stmt: d1.prepare(item.getQuery().sql) });
    }
    return batch(items);
  };
  db.batch = withStatements;
  return db;
};
export type Database = ReturnType<typeof createDb>;

import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "./client";
import { tags } from "./schema";

describe("createDb", () => {
  it("batches raw statements with bound parameters beside builder queries", async () => {
    const db = createDb(env.DB);
    const [inserted, , read] = await db.batch([
      db.run(sql`INSERT INTO tags (name, color) VALUES (${"raw-tag"}, ${7})`),
      db.insert(tags).values({ name: "builder-tag" }),
      db.select().from(tags).where(sql`${tags.name} LIKE ${"%-tag"}`).orderBy(tags.id),
    ]);
    expect((inserted as D1Result).meta.changes).toBe(1);
    expect(read.map((t) => [t.name, t.color])).toEqual([
      ["raw-tag", 7],
      ["builder-tag", 0],
    ]);
  });
});

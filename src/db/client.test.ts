import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "./client";
import { CountingD1, newD1Stats } from "./instrument";
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

describe("the isolate's Drizzle instance", () => {
  it("runs each view's queries on that view's client, counted apart, also when interleaved", async () => {
    const [a, b] = [newD1Stats(), newD1Stats()];
    const dbA = createDb(new CountingD1(env.DB.withSession("first-primary"), a));
    const dbB = createDb(new CountingD1(env.DB.withSession("first-unconstrained"), b));
    // One Drizzle instance: the views add no builders of their own.
    expect(Object.getPrototypeOf(dbA)).toBe(Object.getPrototypeOf(dbB));
    await Promise.all([
      dbA.select().from(tags),
      dbB.select().from(tags),
      dbB.batch([dbB.select().from(tags), dbB.run(sql`INSERT INTO tags (name) VALUES (${"view-b"})`)]),
      dbB.$count(tags),
    ]);
    expect(a.roundTrips).toBe(1);
    expect(b.roundTrips).toBe(3);
    expect(a.rowsWritten).toBe(0);
    expect(b.rowsWritten).toBeGreaterThan(0);
  });

  it("keeps the D1 session's bookmark moving with the view's writes", async () => {
    const session = env.DB.withSession("first-primary");
    const db = createDb(new CountingD1(session, newD1Stats()));
    await db.select().from(tags);
    const before = session.getBookmark();
    await db.insert(tags).values({ name: "moved" });
    expect(before).not.toBeNull();
    expect((session.getBookmark() ?? "") > (before ?? "")).toBe(true);
  });

  it("refuses the relational db.query API, whose builders would bypass the view's client", async () => {
    const db = createDb(env.DB);
    // Drizzle reports it as a failed query caused by the isolate's client.
    const error = await db.query.tags.findMany().catch((e: Error) => e);
    expect(String((error as Error).cause)).toMatch(/no D1 client/);
  });
});

import { env } from "cloudflare:test";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb, isolateDb } from "./client";
import { CountingD1, newD1Stats } from "./instrument";
import { bind, preparedOnce } from "./prepared";
import { tags } from "./schema";

describe("statements prepared once per isolate", () => {
  const byName = preparedOnce((db) =>
    db
      .select({ name: tags.name, color: tags.color })
      .from(tags)
      .where(eq(tags.name, sql.placeholder("name")))
      .orderBy(asc(tags.id)),
  );

  it("run on each request's own client with its own values, mapped as Drizzle maps them", async () => {
    const [a, b] = [newD1Stats(), newD1Stats()];
    const dbA = createDb(new CountingD1(env.DB.withSession("first-primary"), a));
    const dbB = createDb(new CountingD1(env.DB.withSession("first-primary"), b));
    await dbA.insert(tags).values([
      { name: "prepared-a", color: 3 },
      { name: "prepared-b", color: 4 },
    ]);
    const [[first], [second]] = await Promise.all([
      dbA.batch([bind(dbA, byName, { name: "prepared-a" }) as never]),
      dbB.batch([bind(dbB, byName, { name: "prepared-b" }) as never]),
    ]);
    expect(first).toEqual([{ name: "prepared-a", color: 3 }]);
    expect(second).toEqual([{ name: "prepared-b", color: 4 }]);
    expect([a.roundTrips, b.roundTrips]).toEqual([2, 1]);
  });

  it("are built once: the same SQL object whatever the values", () => {
    const db = createDb(env.DB);
    const one = bind(db, byName, { name: "x" });
    const two = bind(db, byName, { name: "y" });
    expect(one.getQuery().sql).toBe(two.getQuery().sql);
    expect(byName()).toBe(byName());
    expect([one.getQuery().params, two.getQuery().params]).toEqual([["x"], ["y"]]);
  });

  it("the isolate's instance they are built on runs nothing", async () => {
    const error = await isolateDb
      .select()
      .from(tags)
      .then(() => null)
      .catch((e: Error) => e);
    expect(String(error?.cause)).toMatch(/no D1 client/);
  });
});

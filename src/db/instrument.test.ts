import { env } from "cloudflare:test";
import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";
import { instrumentD1, newD1Stats } from "./instrument";

beforeEach(resetToDemoData);

const timing = (header: string | null) => {
  const match = header?.match(/db;dur=[\d.]+;desc="q=(\d+) rows=(\d+) w=(\d+)"/);
  if (!match) throw new Error(`no db Server-Timing in ${header}`);
  return { roundTrips: Number(match[1]), rowsRead: Number(match[2]), rowsWritten: Number(match[3]) };
};

describe("D1 instrumentation", () => {
  it("counts round trips and rows of statements and batches", async () => {
    const stats = newD1Stats();
    const db = instrumentD1(env.DB, stats);
    await db.prepare("SELECT * FROM users WHERE id > ?").bind(0).all();
    await db.batch([db.prepare("SELECT id FROM mailboxes"), db.prepare("INSERT INTO tags (name) VALUES ('counted')")]);
    expect(stats.roundTrips).toBe(2);
    expect(stats.rowsRead).toBeGreaterThanOrEqual(4 + 2);
    expect(stats.rowsWritten).toBeGreaterThanOrEqual(1);
  });

  it("reports each request's D1 cost in Server-Timing", async () => {
    const list = await get("/api/users");
    // The key was verified by an earlier request of this isolate or costs one lookup.
    expect(timing(list.headers.get("Server-Timing")).roundTrips).toBeLessThanOrEqual(2);
    expect(timing(list.headers.get("Server-Timing")).rowsRead).toBeGreaterThanOrEqual(4);
    const created = await post("/api/users", { firstName: "T", lastName: "T", email: "timing@example.org" });
    expect(timing(created.headers.get("Server-Timing")).rowsWritten).toBeGreaterThan(0);
  });

  it("refuses more than 100 bound parameters, as production D1 does", () => {
    const db = instrumentD1(env.DB, newD1Stats());
    const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");
    const values = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(() => db.prepare(`SELECT 1 WHERE 1 IN (${placeholders(100)})`).bind(...values(100))).not.toThrow();
    expect(() => db.prepare(`SELECT 1 WHERE 1 IN (${placeholders(101)})`).bind(...values(101))).toThrow(/at most 100/);
  });
});

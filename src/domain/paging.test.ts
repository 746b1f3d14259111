import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { asc, count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { newD1Stats } from "../db/instrument";
import { mailboxes, users } from "../db/schema";
import { namedBatch } from "./batch";
import { listPage, pageInMemory, paging } from "./paging";

beforeEach(resetToDemoData);

describe("listPage", () => {
  it("reads the page, the count and other named reads in one round trip", async () => {
    const d1Stats = newD1Stats();
    const { db } = testServices({ d1Stats });
    const page = await listPage(db, paging({ page: 2, pageSize: 3 }, 100), {
      mailbox: db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, 1)),
      rows: db.select({ id: users.id }).from(users).orderBy(asc(users.id)),
      total: db.select({ n: count() }).from(users),
    });
    expect(page).toEqual({
      mailbox: [{ id: 1 }],
      rows: [{ id: 33 }],
      total: 4,
      paging: { page: 2, size: 3, offset: 3 },
    });
    expect(d1Stats.roundTrips).toBe(1);
  });

  it("pages a list read whole in the same shape", () => {
    expect(pageInMemory(["a", "b", "c"], paging({ page: 2, pageSize: 2 }, 100))).toEqual({
      rows: ["c"],
      total: 3,
      paging: { page: 2, size: 2, offset: 2 },
    });
  });
});

describe("namedBatch", () => {
  it("hands each statement's result back under its name", async () => {
    const { db } = testServices();
    const { admin, nobody } = await namedBatch(db, {
      admin: db.select({ email: users.email }).from(users).where(eq(users.id, 1)),
      nobody: db.select({ email: users.email }).from(users).where(eq(users.id, 999)),
    });
    expect(admin).toEqual([{ email: "admin@support.example.org" }]);
    expect(nobody).toEqual([]);
  });
});

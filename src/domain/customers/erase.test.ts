/** The erasure's steps: an interrupted erasure is finished by the hourly cron's sweep. */
import { env } from "cloudflare:test";
import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import {
  erasureFixture,
  expectCountersExact,
  manyConversations,
  objectsLeft,
  personalDataLeft,
} from "@test/support/erasure";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import { runScheduled } from "../../cron/scheduled";
import { newD1Stats } from "../../db/instrument";
import { eraseCustomer, STEP_SIZE, sweepErasures } from "./erase";

beforeEach(resetToDemoData);

const linked = async (customerId: number) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM conversations WHERE customer_id = ?")
    .bind(customerId)
    .first<number>("n"))!;

describe("customer erasure steps", () => {
  it("stops after the steps it was given and is finished by the cron's sweep", async () => {
    const fixture = await erasureFixture();
    await manyConversations(fixture.customerId, STEP_SIZE + 20);
    const services = testServices();

    // The request's first step only, as if the Worker were stopped after it.
    const first = await eraseCustomer(
      services,
      { customerId: fixture.customerId, mode: "delete", byUserId: null },
      { steps: 1, size: STEP_SIZE },
    );
    expect(first.finished).toBe(false);
    expect(first.events).toEqual([]);
    const left = await linked(fixture.customerId);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(STEP_SIZE + 22);
    expect((await get(`/api/customers/${fixture.customerId}`)).status).toBe(200);
    await expectCountersExact();

    await runScheduled(services, Date.now());
    await services.settle();

    expect(await linked(fixture.customerId)).toBe(0);
    expect((await get(`/api/customers/${fixture.customerId}`)).status).toBe(404);
    expect(await personalDataLeft(fixture.customerId)).toEqual([]);
    expect(await objectsLeft(fixture.objectKeys)).toEqual([]);
    await expectCountersExact();
    const record = await env.DB.prepare("SELECT mode, finished_at FROM customer_erasures WHERE customer_id = ?")
      .bind(fixture.customerId)
      .first();
    expect(record).toMatchObject({ mode: "delete", finished_at: expect.any(Number) });
  });

  it("the sweep carries on step by step, keeps the first request's mode and reports the event once", async () => {
    const { customerId } = await erasureFixture();
    await manyConversations(customerId, 30);
    const services = testServices();
    const started = await eraseCustomer(services, { customerId, mode: "keep", byUserId: 7 }, { steps: 1, size: 10 });
    expect(started.finished).toBe(false);

    const partial = await sweepErasures(services, { steps: 1, size: 10 });
    expect(partial).toMatchObject({ finished: 0, unfinished: 1, events: [] });
    const done = await sweepErasures(services, { steps: 10, size: 10 });
    expect(done.finished).toBe(1);
    expect(done.events).toEqual([
      { event: "customer.deleted", payload: { id: customerId, erasedAt: expect.any(String), conversations: "kept" } },
    ]);
    // Kept: the conversations are still there, without their customer.
    expect(
      await env.DB.prepare(
        "SELECT count(*) AS n FROM conversations WHERE subject LIKE 'Bulk %' AND customer_id IS NULL",
      ).first("n"),
    ).toBe(30);
    expect(await sweepErasures(services)).toMatchObject({ finished: 0, unfinished: 0, events: [] });
    expect(await personalDataLeft(customerId)).toEqual([]);
    await expectCountersExact();
  });

  it("a step reads and writes in one round trip each, binding few parameters", async () => {
    const { customerId } = await erasureFixture();
    await manyConversations(customerId, STEP_SIZE);
    const d1Stats = newD1Stats();
    const services = testServices({ d1Stats });
    const result = await eraseCustomer(
      services,
      { customerId, mode: "delete", byUserId: null },
      { steps: 1, size: STEP_SIZE },
    );
    expect(result.finished).toBe(false);
    expect(d1Stats.roundTrips).toBe(2);
  });
});

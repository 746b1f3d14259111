/**
 * After any sequence of creates, replies, status changes, moves, assignments, tag changes
 * and deletes (sequential and concurrent), every folder's counters equal a recount, every
 * conversation sits in the folder the rules give, and numbers stay unique.
 */
import { env } from "cloudflare:test";
import { del, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import {
  folderCounterMismatches,
  misfiledConversations,
  tagCounterMismatches,
  threadCountMismatches,
} from "@test/support/invariants";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

/** Small deterministic PRNG so a failure can be replayed from its seed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const users = [1, 7, 15, 33];
const statuses = ["active", "pending", "closed", "spam"];

async function randomOperation(next: () => number, known: number[]) {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const id = known.length ? pick(known) : 1;
  switch (Math.floor(next() * 8)) {
    case 0: {
      const res = await post("/api/conversations", {
        type: "email",
        mailboxId: pick([1, 2]),
        subject: "random",
        customer: { email: `c${Math.floor(next() * 5)}@example.org` },
        threads: [
          {
            type: pick(["customer", "message", "note"]),
            text: "hello",
            user: 33,
            state: next() < 0.15 ? "draft" : "published",
          },
        ],
        ...(next() < 0.5 ? { assignTo: 33 } : {}),
        ...(next() < 0.3 ? { status: pick(["active", "pending", "closed"]) } : {}),
      });
      if (res.status === 201) known.push(res.json.id);
      return res.status;
    }
    case 1:
      return (
        await post(`/api/conversations/${id}/threads`, {
          type: "customer",
          text: "again",
          customer: { email: "c1@example.org" },
        })
      ).status;
    case 2:
      return (
        await post(`/api/conversations/${id}/threads`, {
          type: "message",
          text: "reply",
          user: pick(users),
          state: next() < 0.2 ? "draft" : "published",
        })
      ).status;
    case 3:
      return (await put(`/api/conversations/${id}`, { byUser: pick(users), status: pick(statuses) })).status;
    case 4:
      return (await put(`/api/conversations/${id}`, { byUser: 33, assignTo: next() < 0.3 ? null : pick(users) }))
        .status;
    case 5:
      return (await put(`/api/conversations/${id}`, { byUser: 33, mailboxId: pick([1, 2]), status: pick(statuses) }))
        .status;
    case 6:
      return (await put(`/api/conversations/${id}/tags`, { tags: next() < 0.5 ? ["overdue", "x"] : ["refund"] }))
        .status;
    default: {
      const res = await del(`/api/conversations/${id}`);
      if (res.status === 204) known.splice(known.indexOf(id), 1);
      return res.status;
    }
  }
}

async function expectInvariants() {
  expect(await folderCounterMismatches()).toEqual([]);
  expect(await misfiledConversations()).toEqual([]);
  expect(await tagCounterMismatches()).toEqual([]);
  expect(await threadCountMismatches()).toEqual([]);
  const duplicates = await env.DB.prepare("SELECT number FROM conversations GROUP BY number HAVING count(*) > 1").all();
  expect(duplicates.results).toEqual([]);
}

describe("folder counters", () => {
  it.each([1, 2, 3])("equal a recount after a random sequence of 60 operations (seed %i)", async (seed) => {
    const next = random(seed);
    const known = [1, 7];
    for (let i = 0; i < 60; i++) {
      const status = await randomOperation(next, known);
      expect([200, 201, 204, 400, 404]).toContain(status);
    }
    await expectInvariants();
  });

  it("equal a recount after 120 operations run 8 at a time", async () => {
    const next = random(42);
    const known = [1, 7];
    for (let round = 0; round < 15; round++) {
      const statuses = await Promise.all(Array.from({ length: 8 }, () => randomOperation(next, known)));
      for (const status of statuses) expect([200, 201, 204, 400, 404, 409]).toContain(status);
    }
    await expectInvariants();
  });
});

/**
 * D1 round trips per request, from the Server-Timing header: a conversation is read with
 * its people in one round trip; a write reads, then writes and reads its answer in one
 * batch, so nothing can fail after it commits. Production D1 is a network hop away, so
 * each round trip is latency.
 */

import { env } from "cloudflare:test";
import { type CallOptions, call, d1Cost } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { documentExample } from "@test/support/examples";
import { queryPlan } from "@test/support/plans";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { conversationReads, threadReads } from "../../src/domain/conversations/load";

beforeEach(resetToDemoData);

async function roundTrips(method: string, path: string, options?: CallOptions) {
  await call("GET", "/api/users/1"); // the API key is verified once, then remembered
  const res = await call(method, path, options);
  expect(res.status).toBeLessThan(300);
  return d1Cost(res).roundTrips;
}

describe("D1 round trips", () => {
  it.each([
    ["Get Conversation", "GET", "/api/conversations/1?embed=threads,timelogs,tags", undefined, 1],
    ["List Conversations", "GET", "/api/conversations?mailboxId=1&status=all", undefined, 1],
    ["List Conversations with threads", "GET", "/api/conversations?embed=threads,tags&status=all", undefined, 2],
    ["List Conversation Timelogs", "GET", "/api/conversations/1/timelogs", undefined, 1],
    ["Create Conversation", "POST", "/api/conversations", documentExample, 2],
    ["Create Thread", "POST", "/api/conversations/1/threads", { type: "message", text: "hi", user: 33 }, 2],
    ["Update Conversation", "PUT", "/api/conversations/1", { byUser: 33, status: "closed", assignTo: 7 }, 2],
    ["Update Conversation Tags", "PUT", "/api/conversations/1/tags", { tags: ["a", "b"] }, 1],
    [
      "Update Custom Fields",
      "PUT",
      "/api/conversations/1/custom_fields",
      { customFields: [{ id: 37, value: "x" }] },
      2,
    ],
    // Reads the webhooks first: a delete event carries the conversation as it was.
    ["Delete Conversation", "DELETE", "/api/conversations/1", undefined, 2],
  ])("%s", async (_name, method, path, body, expected) => {
    expect(await roundTrips(method, path, body === undefined ? {} : { body })).toBe(expected);
  });
});

describe("the reads that present a conversation or a thread, in the same batch", () => {
  const plans = (statements: readonly Parameters<typeof queryPlan>[0][]) => Promise.all(statements.map(queryPlan));
  const fullScans = (details: string[][]) => details.flat().filter((detail) => /^SCAN \w+$/.test(detail));

  it("Get Conversation's reads scan no table", async () => {
    const db = createDb(env.DB);
    const { groups } = conversationReads(db, 1, new Set(["threads", "timelogs", "tags"]));
    const details = await plans(Object.values(groups).flat());
    expect(fullScans(details)).toEqual([]);
  });

  it("Create Thread's reads scan no table", async () => {
    const db = createDb(env.DB);
    expect(fullScans(await plans(threadReads(db, 1, 1).statements))).toEqual([]);
  });
});

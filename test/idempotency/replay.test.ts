/** Same key + same request: the first answer again, without doing the work again. */
import { call, errorsOf, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { documentExample } from "@test/support/examples";
import { beforeEach, describe, expect, it } from "vitest";
import { countRows, keptHeaders, roundTripsOf, withKey } from "./helpers";

beforeEach(resetToDemoData);

const counts = async () => ({
  conversations: await countRows("conversations"),
  threads: await countRows("threads"),
  customers: await countRows("customers"),
});

describe("Idempotency-Key: replay", () => {
  it("answers Create Conversation's first answer again (status, headers, body) and creates nothing new", async () => {
    const first = await withKey("create-1", "POST", "/api/conversations", { body: documentExample });
    expect(first.status).toBe(201);
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    const after = await counts();

    const again = await withKey("create-1", "POST", "/api/conversations", { body: documentExample });
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(keptHeaders(again)).toEqual(keptHeaders(first));
    expect(again.headers.get("Resource-ID")).toBeTruthy();
    expect(again.text).toBe(first.text);
    expect(await counts()).toEqual(after);
  });

  it("replays a 200 with a body and a 204 without one", async () => {
    const customer = await withKey("cust", "POST", "/api/customers", { body: { firstName: "Ida" } });
    const customers = await countRows("customers");
    const replayed = await withKey("cust", "POST", "/api/customers", { body: { firstName: "Ida" } });
    expect(replayed.status).toBe(customer.status);
    expect(replayed.text).toBe(customer.text);
    expect(await countRows("customers")).toBe(customers);

    const update = { byUser: 33, status: "closed" };
    const updated = await withKey("upd", "PUT", "/api/conversations/1", { body: update });
    expect(updated.status).toBe(204);
    const replay = await withKey("upd", "PUT", "/api/conversations/1", { body: update });
    expect(replay.status).toBe(204);
    expect(replay.text).toBe("");
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
  });

  it("does not run the handler again: a replayed reply adds no thread although the conversation changed", async () => {
    const reply = { type: "note", text: "once", user: 7 };
    await withKey("note", "POST", "/api/conversations/1/threads", { body: reply });
    const threads = await countRows("threads");
    // Another client writes in between: the replay still answers the first answer.
    await post("/api/conversations/1/threads", { type: "note", text: "other", user: 7 });
    const replay = await withKey("note", "POST", "/api/conversations/1/threads", { body: reply });
    expect(replay.status).toBe(201);
    expect(await countRows("threads")).toBe(threads + 1);
  });

  it("keeps 4xx answers (as Stripe): the same invalid request answers the same 400, replayed", async () => {
    const bad = { type: "email", mailboxId: 1 };
    const first = await withKey("bad", "POST", "/api/conversations", { body: bad });
    expect(first.status).toBe(400);
    const again = await withKey("bad", "POST", "/api/conversations", { body: bad });
    expect(again.status).toBe(400);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
  });

  it("replays a DELETE", async () => {
    const first = await withKey("del", "DELETE", "/api/conversations/1");
    expect(first.status).toBe(204);
    const again = await withKey("del", "DELETE", "/api/conversations/1");
    expect(again.status).toBe(204);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    // Without the key the conversation is gone.
    expect((await call("DELETE", "/api/conversations/1")).status).toBe(404);
  });
});

describe("Idempotency-Key: another request with the same key", () => {
  it.each([
    ["another body", "POST", "/api/conversations", { ...documentExample, subject: "Other" }],
    ["another path", "POST", "/api/customers", { firstName: "Mark" }],
    ["another method", "PUT", "/api/conversations", documentExample],
    ["another query", "POST", "/api/conversations?reload=1", documentExample],
  ])("409 for %s, and nothing is done", async (_what, method, path, body) => {
    await withKey("k", "POST", "/api/conversations", { body: documentExample });
    const before = await counts();
    const res = await withKey("k", method, path, { body });
    expect(res.status).toBe(409);
    expect(errorsOf(res)[0]).toMatchObject({
      path: "Idempotency-Key",
      source: "HEADER",
      message: expect.stringContaining("used for another request"),
    });
    expect(await counts()).toEqual(before);
  });
});

describe("Idempotency-Key: the header", () => {
  it.each([
    ["empty", ""],
    ["256 characters", "k".repeat(256)],
    ["a non-ASCII character", "clé"],
    ["a control character", "a\tb"],
    ["DEL", "a\u007fb"],
  ])("400 in the envelope when %s, and nothing is done", async (_what, key) => {
    const before = await counts();
    const res = await withKey(key, "POST", "/api/conversations", { body: documentExample });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toMatchObject([{ path: "Idempotency-Key", source: "HEADER" }]);
    expect(await counts()).toEqual(before);
  });

  it("takes 255 printable ASCII characters, spaces inside included", async () => {
    const key = `a b${"~".repeat(252)}`;
    expect((await withKey(key, "POST", "/api/customers", { body: { firstName: "Ida" } })).status).toBe(201);
  });

  it("is ignored on GET", async () => {
    const res = await withKey("x".repeat(300), "GET", "/api/conversations/1");
    expect(res.status).toBe(200);
  });

  it("costs no D1 round trip when absent, one to claim and one to store when present", async () => {
    await call("GET", "/api/users/1"); // the API key is verified once, then remembered
    const reply = { type: "note", text: "hi", user: 7 };
    // Create Thread's own two (tested in test/conversations/roundTrips.test.ts): nothing added.
    expect(roundTripsOf(await call("POST", "/api/conversations/1/threads", { body: reply }))).toBe(2);

    // A refused body does little work of its own (Create Thread reads the conversation for its
    // 404) and publishes nothing in the background, whose webhook read may land in a slower
    // response's count: the key adds its claim and its store, a replay reads the key only.
    const refused = { type: "note", user: 7 };
    const own = roundTripsOf(await call("POST", "/api/conversations/1/threads", { body: refused }));
    expect(roundTripsOf(await withKey("rt", "POST", "/api/conversations/1/threads", { body: refused }))).toBe(own + 2);
    expect(roundTripsOf(await withKey("rt", "POST", "/api/conversations/1/threads", { body: refused }))).toBe(1);
  });
});

/** A 5xx answer frees the key: a retry with it does the work. */
import { env } from "cloudflare:test";
import { resetToDemoData } from "@test/support/db";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { countRows, withKey } from "./helpers";

beforeEach(resetToDemoData);
afterEach(async () => {
  await env.DB.prepare("DROP TRIGGER IF EXISTS threads_fail").run();
  vi.restoreAllMocks();
});

const note = { type: "note", text: "once", user: 7 };

describe("Idempotency-Key: failures", () => {
  it("a 5xx is not kept: the key is released and the retry does the work", async () => {
    // D1 refuses every new thread, as a failing database would.
    await env.DB.prepare(
      "CREATE TRIGGER threads_fail BEFORE INSERT ON threads BEGIN SELECT RAISE(ABORT, 'storage failure'); END",
    ).run();
    vi.spyOn(console, "error").mockImplementation(() => {}); // the Worker logs the unhandled error
    const threads = await countRows("threads");
    const failed = await withKey("retry-me", "POST", "/api/conversations/1/threads", { body: note });
    expect(failed.status).toBe(500);
    expect(await countRows("idempotency_keys")).toBe(0);

    await env.DB.prepare("DROP TRIGGER threads_fail").run();
    const retried = await withKey("retry-me", "POST", "/api/conversations/1/threads", { body: note });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("Idempotent-Replayed")).toBeNull();
    expect(await countRows("threads")).toBe(threads + 1);

    const replayed = await withKey("retry-me", "POST", "/api/conversations/1/threads", { body: note });
    expect(replayed.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await countRows("threads")).toBe(threads + 1);
  });
});

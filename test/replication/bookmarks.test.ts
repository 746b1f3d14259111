/**
 * D1 read replication through the Sessions API (README "Read replicas"): every request runs on
 * its own D1 session and answers its latest bookmark in `x-d1-bookmark`; a read that sends it
 * back starts at it, so a client sees its own writes. Local D1 has no replicas, but the
 * binding's sessions and bookmarks are the real ones: the flow is tested end to end.
 */
import { type CallOptions, call, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";
import { sessionStart } from "../../src/services";

beforeEach(resetToDemoData);

const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

const bookmarkOf = (res: { headers: Headers }) => {
  const value = res.headers.get("x-d1-bookmark");
  if (!value) throw new Error("no x-d1-bookmark header");
  expect(value).toMatch(BOOKMARK);
  return value;
};

const withBookmark = (bookmark: string, options: CallOptions = {}): CallOptions => ({
  ...options,
  headers: { ...options.headers, "x-d1-bookmark": bookmark },
});

describe("the bookmark flow", () => {
  it("a write answers a bookmark; a read sent with it sees the write and answers one at least as new", async () => {
    const created = await post("/api/users", { firstName: "Book", lastName: "Mark", email: "bookmark@example.org" });
    expect(created.status).toBe(201);
    const afterWrite = bookmarkOf(created);

    const read = await get(`/api/users/${created.headers.get("Resource-ID")}`, withBookmark(afterWrite));
    expect(read.status).toBe(200);
    expect(read.json.email).toBe("bookmark@example.org");
    const afterRead = bookmarkOf(read);
    // Bookmarks of one database are ordered as strings (the D1 binding keeps the larger one).
    expect(afterRead >= afterWrite).toBe(true);
  });

  it("a later write answers a newer bookmark than an earlier one", async () => {
    const first = await post("/api/users", { firstName: "A", lastName: "B", email: "earlier@example.org" });
    const later = await post("/api/users", { firstName: "A", lastName: "B", email: "later@example.org" });
    expect(bookmarkOf(later) > bookmarkOf(first)).toBe(true);
  });

  it("a GET without a bookmark is served and answers one", async () => {
    const res = await get("/api/conversations/1");
    expect(res.status).toBe(200);
    bookmarkOf(res);
  });

  it("an error answer carries the bookmark too", async () => {
    const missing = await get("/api/conversations/999999");
    expect(missing.status).toBe(404);
    bookmarkOf(missing);
  });

  it.each([
    "garbage",
    "first-primary",
    "00000000-00000015-00000000",
    "00000000-00000015-00000000-0000000000000000000000000000000G",
    "00000000-00000015-00000000-00000000000000000000000000000000 trailing",
    "ZZZZZZZZ-00000015-00000000-00000000000000000000000000000000",
  ])("an invalid bookmark (%s) is ignored: 200, and the answer's bookmark is D1's", async (invalid) => {
    const res = await get("/api/conversations/1", withBookmark(invalid));
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(1);
    // Handed to D1, the binding would keep it (it sorts after D1's own) and echo it back.
    expect(bookmarkOf(res)).not.toBe(invalid);
  });

  it("an old bookmark is served (any replica is at least that new) and the answer's is newer", async () => {
    const old = "00000000-00000000-00000000-00000000000000000000000000000000";
    const res = await get("/api/users/1", withBookmark(old));
    expect(res.status).toBe(200);
    expect(bookmarkOf(res) > old).toBe(true);
  });

  it("CORS lets a browser send the header and read it", async () => {
    const preflight = await call("OPTIONS", "/api/users", {
      key: null,
      headers: { origin: "https://app.example.org", "access-control-request-method": "GET" },
    });
    expect(preflight.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("x-d1-bookmark");
    const res = await get("/api/users/1", { headers: { origin: "https://app.example.org" } });
    expect(res.headers.get("Access-Control-Expose-Headers")?.toLowerCase()).toContain("x-d1-bookmark");
  });
});

describe("where a request's session starts", () => {
  const bookmark = "00000000-00000015-00000000-00000000000000000000000000000000";

  it("reads start at the client's bookmark, or at the nearest replica without one", () => {
    expect(sessionStart("GET", bookmark)).toBe(bookmark);
    expect(sessionStart("HEAD", bookmark)).toBe(bookmark);
    expect(sessionStart("GET", undefined)).toBe("first-unconstrained");
    expect(sessionStart("GET", "")).toBe("first-unconstrained");
    expect(sessionStart("GET", `${bookmark}x`)).toBe("first-unconstrained");
    expect(sessionStart("GET", "first-primary")).toBe("first-unconstrained");
  });

  it("writes start at the primary, which no bookmark is ahead of", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(sessionStart(method, bookmark)).toBe("first-primary");
      expect(sessionStart(method, null)).toBe("first-primary");
    }
  });
});

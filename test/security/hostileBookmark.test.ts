/**
 * Hostile input in `x-d1-bookmark` (read replication, README "Read replicas"): whatever a client
 * sends there, no request fails for it. Anything but a D1 bookmark is ignored, on reads and writes.
 */
import { call } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(resetToDemoData);

const HOSTILE = [
  "",
  " ",
  "first-unconstrained",
  "first-primary",
  "null",
  "' OR '1'='1",
  "00000000-00000000-00000000-00000000000000000000000000000000; DROP TABLE users",
  "%00",
  "%F0%9F%98%80",
  "\t00000000-00000015-00000000-00000000000000000000000000000000",
  "a".repeat(8000),
  "0".repeat(8000),
  "00000000-".repeat(500),
];

describe("x-d1-bookmark", () => {
  it.each([
    ["GET", "/api/conversations/1", undefined, 200],
    ["GET", "/api/conversations", undefined, 200],
    ["HEAD", "/api/users/1", undefined, 200],
    ["PUT", "/api/conversations/1", { byUser: 33, status: "active" }, 204],
    ["POST", "/api/conversations/1/threads", { type: "note", text: "bookmarked", user: 33 }, 201],
  ])("%s %s answers as without it, whatever the header holds", async (method, path, body, status) => {
    for (const value of HOSTILE) {
      const res = await call(method, path, { headers: { "x-d1-bookmark": value }, body });
      expect(res.status, JSON.stringify(value.slice(0, 40))).toBe(status);
      const answered = res.headers.get("x-d1-bookmark");
      expect(answered, JSON.stringify(value.slice(0, 40))).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/,
      );
    }
  });
});

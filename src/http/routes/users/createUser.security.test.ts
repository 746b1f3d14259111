import { env } from "cloudflare:test";
import { post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../../../lib/crypto";

beforeEach(resetToDemoData);

describe("Create User security", () => {
  it("stores the password only as a salted PBKDF2 hash", async () => {
    const body = { firstName: "John", lastName: "Doe", email: "johndoe@example.org", password: "123456789" };
    const res = await post("/api/users", body);
    const other = await post("/api/users", { ...body, email: "other@example.org" });
    const rows = await env.DB.prepare("SELECT password_hash FROM users WHERE id IN (?, ?) ORDER BY id")
      .bind(res.json.id, other.json.id)
      .all<{ password_hash: string }>();
    const [first, second] = rows.results.map((r) => r.password_hash);
    expect(first).toMatch(/^pbkdf2-sha256\$100000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("123456789", first!)).toBe(true);
    expect(await verifyPassword("123456788", first!)).toBe(false);
  });

  it("needs an API key", async () => {
    const res = await post("/api/users", { firstName: "A", lastName: "B", email: "ab@example.org" }, { key: null });
    expect(res.status).toBe(401);
  });
});

/** Hostile input: SQL and LIKE metacharacters in every text filter, nesting, odd bytes. */
import { beforeAll, describe, expect, it } from "vitest";
import { call, errorsOf, get, post } from "../support/api";
import { resetToDemoData } from "../support/db";

beforeAll(resetToDemoData);

const HOSTILE = [
  "' OR '1'='1",
  "%",
  "_",
  "%%",
  "\\",
  '" OR ""="',
  "'; DROP TABLE conversations; --",
  "\u0000",
  "😀",
  "a".repeat(255),
];

const TEXT_FILTERS: [string, string][] = [
  ["/api/conversations", "customerEmail"],
  ["/api/conversations", "customerPhone"],
  ["/api/conversations", "subject"],
  ["/api/conversations", "tag"],
  ["/api/customers", "firstName"],
  ["/api/customers", "lastName"],
  ["/api/customers", "phone"],
  ["/api/customers", "email"],
  ["/api/users", "email"],
];

describe("text filters", () => {
  it.each(TEXT_FILTERS)("%s?%s treats metacharacters as text", async (path, name) => {
    for (const value of HOSTILE) {
      const res = await get(path, {
        query: { [name]: value, ...(path === "/api/conversations" ? { status: "all" } : {}) },
      });
      // Control characters and texts over the field's length are refused; the rest match nothing.
      if (value.includes("\u0000") || value.length > 40) {
        expect([200, 400], `${name}=${value}`).toContain(res.status);
        if (value.includes("\u0000")) expect(res.status).toBe(400);
      } else {
        expect(res.status, `${name}=${value}`).toBe(200);
      }
      if (res.status === 200) expect(res.json.page.totalElements, `${name}=${value}`).toBe(0);
    }
    expect((await get("/api/conversations", { query: { status: "all" } })).json.page.totalElements).toBe(2);
  });
});

describe("bodies", () => {
  it("a deeply nested body is a 400, not a crash", async () => {
    let nested: unknown = "x";
    for (let i = 0; i < 5000; i++) nested = { a: nested };
    const res = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      subject: "deep",
      customer: nested,
      threads: [{ type: "note", text: "x", user: 7 }],
    });
    expect(res.status).toBe(400);
    errorsOf(res);
  });

  it("a deeply nested array body is a 400", async () => {
    const res = await call("POST", "/api/customers", { body: `${"[".repeat(10000)}${"]".repeat(10000)}` });
    expect(res.status).toBe(400);
  });

  it("strings with NUL and control characters are stored and returned as given, never executed", async () => {
    const subject = "a\u0000b'\"; DROP TABLE users; --";
    const res = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      subject,
      customer: { id: 1 },
      threads: [{ type: "note", text: "x", user: 7 }],
    });
    expect(res.status).toBe(201);
    expect((await get(`/api/conversations/${res.json.id}`)).json.subject).toBe(subject);
    expect((await get("/api/users")).status).toBe(200);
  });

  it("prototype keys in a body set nothing", async () => {
    const res = await call("POST", "/api/customers", {
      body: '{"firstName":"Proto","__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
    });
    expect(res.status).toBe(201);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(res.json.isAdmin).toBeUndefined();
  });
});

/**
 * Scoped API keys on every operation of the OpenAPI document (generated, like everyRoute.test.ts,
 * so a new route cannot be missed): a read-only key is refused every write and changes nothing;
 * a key limited to mailbox 2 sees nothing of mailbox 1 (conversation 1 and mailbox 1 are there)
 * and may not make installation-wide changes.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { forgetVerifiedKeys } from "../../src/http/middleware/auth";
import { call, errorsOf, get, post } from "../support/api";
import { resetToDemoData } from "../support/db";

interface Operation {
  method: string;
  path: string;
}

let operations: Operation[] = [];
let readOnlyKey = "";
let mailboxTwoKey = "";

/** Every path parameter 1: conversation 1, mailbox 1, thread 1, ... all of mailbox 1. */
const concrete = (template: string) => template.replace(/\{[^}]+\}/g, "1");
const READS = new Set(["GET", "HEAD"]);
const body = (method: string) =>
  READS.has(method) || method === "DELETE" ? undefined : { subject: "x", mailboxId: 1 };

async function fingerprint() {
  const row = await env.DB.prepare(
    `SELECT (SELECT count(*) FROM conversations) + (SELECT count(*) FROM threads) + (SELECT count(*) FROM customers)
      + (SELECT count(*) FROM users WHERE status <> 'deleted') + (SELECT count(*) FROM webhooks) + (SELECT count(*) FROM tags)
      + (SELECT count(*) FROM mailboxes) + (SELECT count(*) FROM conversation_tags) + (SELECT count(*) FROM api_keys WHERE revoked_at IS NULL)
      + (SELECT count(*) FROM attachments) + (SELECT count(*) FROM timelogs) + (SELECT count(*) FROM mailbox_users) AS n,
      (SELECT max(updated_at) FROM conversations) AS c, (SELECT max(updated_at) FROM customers) AS u,
      (SELECT max(updated_at) FROM mailboxes) AS m, (SELECT group_concat(subject) FROM conversations) AS s`,
  ).first();
  return JSON.stringify(row);
}

beforeAll(async () => {
  await resetToDemoData();
  forgetVerifiedKeys();
  const document = (await get("/api/openapi.json")).json as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, operation]) => (operation.security ?? []).length > 0)
      .map(([method]) => ({ method: method.toUpperCase(), path: concrete(path) })),
  );
  readOnlyKey = (await post("/api/api-keys", { name: "read only", scope: "read" })).json.key;
  mailboxTwoKey = (await post("/api/api-keys", { name: "mailbox 2", mailboxes: [2] })).json.key;
});

describe("a read-only key", () => {
  it("is refused every write of the document, in the envelope, and changes nothing", async () => {
    const writes = operations.filter((op) => !READS.has(op.method));
    expect(writes.length).toBeGreaterThanOrEqual(25);
    const before = await fingerprint();
    for (const { method, path } of writes) {
      const res = await call(method, path, { key: readOnlyKey, body: body(method) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(errorsOf(res)[0]).toMatchObject({
        path: "api_key",
        message: path.startsWith("/api/api-keys")
          ? "Only a full API key may manage API keys"
          : "This API key may only read",
      });
    }
    expect(await fingerprint()).toBe(before);
  });

  it("reads as a full key does (API key management aside)", async () => {
    for (const { method, path } of operations.filter((op) => READS.has(op.method))) {
      const full = await call(method, path);
      const limited = await call(method, path, { key: readOnlyKey });
      if (path.startsWith("/api/api-keys")) expect(limited.status).toBe(403);
      else expect(limited.status, `${method} ${path}`).toBe(full.status);
    }
  });
});

describe("a key limited to mailbox 2", () => {
  const ofMailboxOne = (path: string) => /^\/api\/(conversations|mailboxes)\/1(\/|$)/.test(path);

  /** What the key gets: 404 (not its to see), 403 (not its to change), or null (allowed). */
  function expected({ method, path }: Operation): 403 | 404 | null {
    if (ofMailboxOne(path)) return READS.has(method) ? 404 : 403;
    if (path.startsWith("/api/webhooks") || path.startsWith("/api/api-keys")) return 403;
    if (READS.has(method)) return null;
    if (/^\/api\/(users|mailboxes|customer_fields)$|^\/api\/users\/1$/.test(path)) return 403;
    if (method === "POST" && path === "/api/conversations") return 403; // into mailbox 1
    if (method === "DELETE" && path.startsWith("/api/customers/")) return 403;
    return null;
  }

  it("gets 404 for mailbox 1's conversations and mailbox; its writes there and installation-wide are 403; nothing changes", async () => {
    const refused = operations.filter((op) => expected(op) !== null);
    expect(refused.length).toBeGreaterThanOrEqual(30);
    const before = await fingerprint();
    for (const op of refused) {
      const res = await call(op.method, op.path, { key: mailboxTwoKey, body: body(op.method) });
      expect(res.status, `${op.method} ${op.path}`).toBe(expected(op));
      expect(errorsOf(res)).toHaveLength(1);
    }
    expect(await fingerprint()).toBe(before);
  });

  it("is not refused anything else (customers, users, tags are not a mailbox's)", async () => {
    for (const op of operations.filter((op) => expected(op) === null)) {
      const res = await call(op.method, op.path, { key: mailboxTwoKey, body: body(op.method) });
      expect(res.status, `${op.method} ${op.path}`).not.toBe(403);
    }
  });

  it("lists leave mailbox 1 out; its own mailbox works", async () => {
    const conversations = await get("/api/conversations", { key: mailboxTwoKey, query: { status: "all" } });
    expect(conversations.status).toBe(200);
    const mailboxes = conversations.json._embedded.conversations.map((c: { mailboxId: number }) => c.mailboxId);
    expect(mailboxes.every((id: number) => id === 2)).toBe(true);
    const asked = await get("/api/conversations", { key: mailboxTwoKey, query: { mailboxId: 1, status: "all" } });
    expect(asked.json.page.totalElements).toBe(0);
    const listed = await get("/api/mailboxes", { key: mailboxTwoKey });
    expect(listed.json._embedded.mailboxes.map((m: { id: number }) => m.id)).toEqual([2]);
    const created = await post(
      "/api/conversations",
      {
        type: "email",
        mailboxId: 2,
        subject: "Scoped",
        customer: { email: "scoped@example.org" },
        threads: [{ type: "customer", text: "Hi", customer: { email: "scoped@example.org" } }],
      },
      { key: mailboxTwoKey },
    );
    expect(created.status).toBe(201);
    expect((await get(`/api/conversations/${created.json.id}`, { key: mailboxTwoKey })).status).toBe(200);
    const moved = await call("PUT", `/api/conversations/${created.json.id}`, {
      key: mailboxTwoKey,
      body: { mailboxId: 1, byUser: 33 },
    });
    expect(moved.status).toBe(403);
  });
});

/**
 * A deployment missing a secret or binding (the README's Deploy block once put the secrets
 * after `npm run deploy`): every endpoint that needs it answers 503 in the envelope before
 * doing any work, and nothing is written.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { BASE, DEMO_KEY, errorsOf, get } from "@test/support/api";
import { checkContract } from "@test/support/contract";
import { resetToDemoData } from "@test/support/db";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../src/index";

beforeEach(resetToDemoData);

// What the Worker logs is kept here, not printed: the suite checks it at the end.
const logged: string[] = [];
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
});
afterEach(() => vi.restoreAllMocks());

const note = { type: "note", text: "Log attached", user: 7 };
const attachment = { fileName: "log.txt", mimeType: "text/plain", data: "aGVsbG8gd29ybGQ=" };

/** Calls the Worker with `env` minus some settings, as a deploy without them would run. */
async function callWithout(
  unset: Partial<Record<keyof Env, string | undefined>>,
  method: string,
  path: string,
  options: { body?: unknown; key?: string | null } = {},
) {
  const headers = new Headers();
  if (options.key !== null) headers.set("X-FreeScout-API-Key", options.key ?? DEMO_KEY);
  if (options.body !== undefined) headers.set("content-type", "application/json");
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const ctx = createExecutionContext();
  const url = new URL(path, BASE);
  const response = await worker.fetch(new Request(url, { method, headers, body }), { ...env, ...unset } as Env, ctx);
  await waitOnExecutionContext(ctx);
  const text = await response.text();
  const result = { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  // 503 is off the OpenAPI document (which stays as it is): errorsOf checks its envelope.
  if (result.status !== 503) await checkContract(method, url.pathname, { ...result, text });
  return result;
}

const count = async (table: string) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? 0;

const objectCount = async () => (await env.ATTACHMENTS.list()).objects.length;

describe("a Worker without ATTACHMENT_SIGNING_SECRET", () => {
  for (const secret of [undefined, "", "  "]) {
    it(`answers 503 and writes nothing for a thread with an attachment (secret ${JSON.stringify(secret)})`, async () => {
      const [threads, objects] = [await count("threads"), await objectCount()];
      const res = await callWithout({ ATTACHMENT_SIGNING_SECRET: secret }, "POST", "/api/conversations/1/threads", {
        body: { ...note, attachments: [attachment] },
      });
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ message: "Service unavailable", errorCode: "SERVICE UNAVAILABLE" });
      expect(errorsOf(res)).toEqual([
        expect.objectContaining({
          path: "ATTACHMENT_SIGNING_SECRET",
          message: expect.stringContaining("not configured"),
        }),
      ]);
      expect(res.headers.get("Retry-After")).toBe("60");
      expect([await count("threads"), await objectCount()]).toEqual([threads, objects]);
    });
  }

  it("answers 503 on every conversation endpoint and on attachment downloads, before any write", async () => {
    const conversations = await count("conversations");
    const fileUrl = (await get("/api/conversations/1", { query: { embed: "threads" } })).json._embedded.threads
      .flatMap((thread: { _embedded: { attachments: { fileUrl: string }[] } }) => thread._embedded.attachments)
      .at(0).fileUrl as string;
    const unset = { ATTACHMENT_SIGNING_SECRET: "" };
    const requests: [string, string, unknown?][] = [
      ["GET", "/api/conversations/1?embed=threads"],
      ["GET", "/api/conversations?mailboxId=1&embed=threads"],
      ["POST", "/api/conversations", { type: "email", mailboxId: 1, subject: "Hi", customer: { email: "a@b.org" } }],
      ["PUT", "/api/conversations/1", { subject: "Renamed" }],
      ["DELETE", "/api/conversations/7"],
      ["PUT", "/api/conversations/1/tags", { tags: ["x"] }],
      ["GET", new URL(fileUrl).pathname + new URL(fileUrl).search],
    ];
    for (const [method, path, body] of requests) {
      const res = await callWithout(unset, method, path, { body, key: path.startsWith("/storage") ? null : undefined });
      expect(res.status, `${method} ${path}`).toBe(503);
    }
    expect(await count("conversations")).toBe(conversations);
    expect(await count("conversation_tags")).toBeGreaterThan(0);
  });

  it("still serves endpoints that need no attachment links", async () => {
    expect((await callWithout({ ATTACHMENT_SIGNING_SECRET: "" }, "GET", "/api/users/1")).status).toBe(200);
    expect(
      (await callWithout({ ATTACHMENT_SIGNING_SECRET: "" }, "GET", "/api/openapi.json", { key: null })).status,
    ).toBe(200);
  });

  it("answers 401 to a request without a valid key, naming nothing", async () => {
    const res = await callWithout({ ATTACHMENT_SIGNING_SECRET: "" }, "GET", "/api/conversations/1", { key: null });
    expect(res.status).toBe(401);
  });
});

describe("a Worker without WEBHOOK_SECRET", () => {
  it("refuses Create Webhook with 503 and stores no webhook", async () => {
    const webhooks = await count("webhooks");
    const res = await callWithout({ WEBHOOK_SECRET: undefined }, "POST", "/api/webhooks", {
      body: { url: "https://example.org/hook", events: ["convo.created"] },
    });
    expect(res.status).toBe(503);
    expect(errorsOf(res)).toEqual([expect.objectContaining({ path: "WEBHOOK_SECRET" })]);
    expect(await count("webhooks")).toBe(webhooks);
  });

  it("still accepts writes that only enqueue events (the consumer signs and waits for the secret)", async () => {
    const res = await callWithout({ WEBHOOK_SECRET: "" }, "POST", "/api/conversations/1/threads", { body: note });
    expect(res.status).toBe(201);
  });
});

describe("a Worker without its bindings", () => {
  it("answers 503 without D1, even before the key check, and without R2 or the queue where they are needed", async () => {
    const noDb = await callWithout({ DB: undefined } as never, "GET", "/api/users/1");
    expect(noDb.status).toBe(503);
    expect(errorsOf(noDb)).toEqual([expect.objectContaining({ path: "DB" })]);

    const noBucket = await callWithout({ ATTACHMENTS: undefined } as never, "GET", "/api/conversations/1");
    expect(errorsOf(noBucket)).toEqual([expect.objectContaining({ path: "ATTACHMENTS" })]);

    const customers = await count("customers");
    const noQueue = await callWithout({ WEBHOOK_QUEUE: undefined } as never, "POST", "/api/customers", {
      body: { firstName: "Mark", emails: [{ value: "mark@example.org" }] },
    });
    expect(noQueue.status).toBe(503);
    expect(errorsOf(noQueue)).toEqual([expect.objectContaining({ path: "WEBHOOK_QUEUE" })]);
    expect(await count("customers")).toBe(customers);
  });
});

describe("the log", () => {
  it("names each missing setting once per isolate, however many requests it refuses", () => {
    const lines = logged;
    for (const name of ["ATTACHMENT_SIGNING_SECRET", "WEBHOOK_SECRET", "DB", "ATTACHMENTS", "WEBHOOK_QUEUE"]) {
      expect(
        lines.filter((line) => line.startsWith(`Configuration: ${name} is`)),
        name,
      ).toHaveLength(1);
    }
  });
});

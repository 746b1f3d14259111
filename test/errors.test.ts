import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/http/app";
import { BASE, call, DEMO_KEY, errorsOf, get, post } from "./support/api";
import { resetToDemoData } from "./support/db";

beforeEach(resetToDemoData);

const validUser = { firstName: "Jane", lastName: "Roe", email: "jane@example.org" };

describe("error envelope and statuses", () => {
  it("400 lists one entry per bad field with path, message, rejectedValue and source", async () => {
    const res = await post("/api/users", { lastName: "Roe", email: "not-an-email", timezone: "Mars/Base" });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ message: "Bad request", errorCode: "BAD REQUEST" });
    const errors = errorsOf(res);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: "firstName", message: "may not be empty", source: "JSON" },
        expect.objectContaining({ path: "email", rejectedValue: "not-an-email", source: "JSON" }),
        expect.objectContaining({ path: "timezone", rejectedValue: "Mars/Base", source: "JSON" }),
      ]),
    );
    expect(errors).toHaveLength(3);
  });

  it("400 for query parameters names the QUERY source", async () => {
    const res = await get("/api/tags", { query: { conversationId: "first" } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([
      expect.objectContaining({ path: "conversationId", rejectedValue: "first", source: "QUERY" }),
    ]);
  });

  it("404 for an unknown id and for a non-numeric id", async () => {
    for (const path of ["/api/users/999999", "/api/users/abc", "/api/users/-1"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.json).toMatchObject({ message: "Not found", errorCode: "NOT FOUND" });
      expect(errorsOf(res)[0]).toMatchObject({ path: "userId", source: "PATH" });
    }
  });

  it("404 for an unknown route", async () => {
    const res = await get("/api/unicorns");
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "/api/unicorns" });
  });

  it("405 with Allow for a known path and a wrong method", async () => {
    const res = await call("DELETE", "/api/users");
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("POST, GET, HEAD, OPTIONS");
    expect(res.json).toMatchObject({ errorCode: "METHOD NOT ALLOWED" });
    const onId = await call("PATCH", "/api/users/1");
    expect(onId.status).toBe(405);
    expect(onId.headers.get("Allow")).toBe("GET, DELETE, HEAD, OPTIONS");
  });

  it("413 for a body over the configured limit, declared or streamed", async () => {
    const app = createApp();
    const envWithLimit = { ...env, MAX_BODY_BYTES: "100" };
    const big = JSON.stringify({ ...validUser, jobTitle: "x".repeat(200) });
    const declared = await app.request(
      `${BASE}/api/users`,
      { method: "POST", body: big, headers: { "content-type": "application/json", "X-FreeScout-API-Key": DEMO_KEY } },
      envWithLimit,
    );
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ errorCode: "REQUEST ENTITY TOO LARGE" });

    const stream = new Blob([big]).stream();
    const streamed = await app.request(
      `${BASE}/api/users`,
      {
        method: "POST",
        body: stream,
        headers: { "content-type": "application/json", "X-FreeScout-API-Key": DEMO_KEY },
        // @ts-expect-error duplex is required for streamed request bodies
        duplex: "half",
      },
      envWithLimit,
    );
    expect(streamed.status).toBe(413);
    expect((await get("/api/users", { query: { email: "jane@example.org" } })).json.page.totalElements).toBe(0);
  });

  it("415 for a body that is neither JSON nor a form", async () => {
    const res = await call("POST", "/api/users", {
      body: "firstName=Jane",
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect(errorsOf(res)[0]).toMatchObject({ path: "Content-Type", source: "HEADER" });
  });

  it("400 for malformed JSON and for bytes that are not UTF-8", async () => {
    expect((await call("POST", "/api/users", { body: '{"firstName": "Ja' })).status).toBe(400);
    const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const res = await createApp().request(
      `${BASE}/api/users`,
      {
        method: "POST",
        body: invalidUtf8,
        headers: { "content-type": "application/json", "X-FreeScout-API-Key": DEMO_KEY },
      },
      env,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorCode: "BAD REQUEST" });
  });

  it("400 (not 500) for a JSON body that is not an object", async () => {
    for (const body of ["[]", "null", "42", '"text"']) {
      const res = await call("POST", "/api/users", { body });
      expect(res.status, body).toBe(400);
      errorsOf(res);
    }
  });

  it("500 is logged and answered in the envelope without internals", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const app = createApp();
    app.get("/api/explode", () => {
      throw new Error("secret internal detail");
    });
    const res = await app.request(`${BASE}/api/explode`, { headers: { "X-FreeScout-API-Key": DEMO_KEY } }, env);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ errorCode: "INTERNAL SERVER ERROR" });
    expect(text).not.toContain("secret internal detail");
    expect(logged).toHaveBeenCalledWith("Unhandled error", "GET", "/api/explode", expect.any(Error));
    logged.mockRestore();
  });

  it("ignores unknown query parameters", async () => {
    const res = await get("/api/users", { query: { email: "sam@support.example.org", foo: "bar", _: "123" } });
    expect(res.status).toBe(200);
    expect(res.json._embedded.users.map((u: { id: number }) => u.id)).toEqual([7]);
  });
});

describe("validation messages a person understands", () => {
  const messageOf = (res: { status: number; json: any }) => errorsOf(res).map((error) => error.message);

  it("a path id that is not a positive integer", async () => {
    for (const id of ["abc", "1.5", "0", "-3"]) {
      const res = await get(`/api/conversations/${id}`);
      expect(res.status, id).toBe(404);
      expect(messageOf(res), id).toEqual(["must be a positive integer"]);
    }
  });

  it("query numbers, enums and body ids", async () => {
    // Paging numbers and unknown sort values fall back as FreeScout's module reads them
    // (test/compatibility/transport.test.ts); ids in the query are still checked.
    expect(messageOf(await get("/api/tags", { query: { conversationId: "1.5" } }))).toEqual(["must be an integer"]);
    // An unknown thread type is coerced as FreeScout coerces it; the id is still checked.
    const res = await post("/api/conversations/1/threads", { type: "email", text: "Hi", user: "abc" });
    expect(errorsOf(res)).toEqual([
      { path: "user", message: "must be a positive integer", rejectedValue: "abc", source: "JSON" },
    ]);
  });

  it("texts, emails, lists and flags", async () => {
    // An empty string is "not given" (FreeScout's rule), so a required text left empty is missing.
    const res = await post("/api/users", { firstName: "", lastName: ["Lee"], email: "nope" });
    expect(errorsOf(res)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "firstName", message: "may not be empty" }),
        expect.objectContaining({ path: "lastName", message: "must be text" }),
        expect.objectContaining({ path: "email", message: "must be an email address" }),
      ]),
    );
    const flag = await post("/api/conversations/1/threads", { type: "note", text: "Hi", user: 7, imported: "maybe" });
    expect(messageOf(flag)).toEqual(["must be true or false"]);
  });

  it("no parser wording in any message", async () => {
    const res = await post("/api/conversations", {
      type: "email",
      mailboxId: "abc",
      subject: 5,
      customer: { email: "x" },
      threads: [],
      status: "open",
    });
    for (const message of messageOf(res))
      expect(message).not.toMatch(/Invalid input|expected \w+, received|Too (small|big)/);
  });

  it("every error of a request in one answer, the customer reference included", async () => {
    const res = await post("/api/conversations", {
      type: "email",
      mailboxId: "abc",
      subject: "Hi",
      customer: {},
      threads: [{ type: "message", text: "Hi", user: 7 }],
      status: "open",
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([
      { path: "mailboxId", message: "must be a positive integer", rejectedValue: "abc", source: "JSON" },
      {
        path: "customer",
        message: "Customer object must contain a customer id, email, phone or firstName",
        source: "JSON",
      },
    ]);
    const phone = await post("/api/conversations", {
      type: "phone",
      mailboxId: 1,
      subject: "Call",
      customer: { firstName: "Ann" },
      threads: [{ type: "note", text: "Called", user: 7 }],
    });
    expect(phone.status).toBe(201);
  });
});

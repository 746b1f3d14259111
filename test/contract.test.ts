import { beforeAll, describe, expect, it } from "vitest";
import { get } from "./support/api";
import { checkContract } from "./support/contract";
import { resetToDemoData } from "./support/db";

const json = (status: number, body: unknown) => ({
  status,
  headers: new Headers({ "content-type": "application/json" }),
  json: body,
  text: JSON.stringify(body),
});

const envelope = {
  message: "Resource not found",
  errorCode: "NOT_FOUND",
  _embedded: { errors: [{ path: "/nope", message: "No such endpoint", source: "PATH" }] },
};

const user = {
  id: 1,
  firstName: "Ada",
  lastName: "Admin",
  email: "admin@support.example.org",
  role: "admin",
  alternateEmails: null,
  jobTitle: null,
  phone: null,
  timezone: "UTC",
  photoUrl: null,
  language: "en",
  createdAt: "2020-08-09T10:09:00Z",
  updatedAt: "2021-01-16T12:38:46Z",
};

describe("response contract (test/support/contract.ts)", () => {
  beforeAll(resetToDemoData);

  it("reads the document the Worker serves without a key", async () => {
    const res = await get("/api/openapi.json", { key: null });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
  });

  it("accepts a body that matches the operation's schema for the status", async () => {
    await expect(checkContract("GET", "/api/users/1", json(200, user))).resolves.toBeUndefined();
    await expect(checkContract("GET", "/api/users/1", json(404, envelope))).resolves.toBeUndefined();
  });

  it("names the operation, the place and the rule a wrong body breaks", async () => {
    const { email: _, ...withoutEmail } = user;
    const check = checkContract("GET", "/api/users/1", json(200, { ...withoutEmail, id: "1" }));
    await expect(check).rejects.toThrow(/GET \/api\/users\/1 -> 200 \(GET \/api\/users\/\{userId\}\).*does not match/);
    await expect(check).rejects.toThrow(/at #\/id: .*integer/);
    await expect(check).rejects.toThrow(/email/);
  });

  it("refuses a field the document does not name", async () => {
    await expect(checkContract("GET", "/api/users/1", json(200, { ...user, password: "x" }))).rejects.toThrow(
      /Property "password" does not match additional properties schema/,
    );
  });

  it("refuses an undocumented field deep inside a real response", async () => {
    const res = await get("/api/conversations/1", { query: { embed: "threads" } });
    expect(res.status).toBe(200);
    await expect(checkContract("GET", "/api/conversations/1", res)).resolves.toBeUndefined();
    const thread = res.json._embedded.threads[0];
    thread.createdBy.secret = "x";
    await expect(checkContract("GET", "/api/conversations/1", json(200, res.json))).rejects.toThrow(
      /at #\/_embedded\/threads\/0\/createdBy: Property "secret"/,
    );
  });

  it("refuses a status the operation does not document", async () => {
    await expect(checkContract("GET", "/api/users/1", json(418, envelope))).rejects.toThrow(
      /status 418 is not documented for GET \/api\/users\/\{userId\} \(documented: .*200/,
    );
  });

  it("refuses an error without the envelope and a missing or undocumented body", async () => {
    await expect(checkContract("GET", "/api/users/1", json(404, { error: "nope" }))).rejects.toThrow(/does not match/);
    const empty = { status: 200, headers: new Headers(), json: undefined, text: "" };
    await expect(checkContract("GET", "/api/users/1", empty)).rejects.toThrow(
      /documents a application\/json body but none came/,
    );
    const html = { status: 200, headers: new Headers({ "content-type": "text/html" }), json: undefined, text: "<p>" };
    await expect(checkContract("GET", "/api/users/1", html)).rejects.toThrow(
      /documents application\/json for 200, got "text\/html"/,
    );
  });

  it("checks paths and methods outside the document only when they answer an error", async () => {
    await expect(checkContract("GET", "/nope", json(404, envelope))).resolves.toBeUndefined();
    await expect(checkContract("PATCH", "/api/users/1", json(405, envelope))).resolves.toBeUndefined();
    await expect(checkContract("GET", "/nope", json(404, { message: "no" }))).rejects.toThrow(
      /not in the document: Error/,
    );
    const text = { status: 404, headers: new Headers({ "content-type": "text/plain" }), json: undefined, text: "no" };
    await expect(checkContract("GET", "/nope", text)).rejects.toThrow(/must be a JSON error envelope/);
    const preflight = { status: 204, headers: new Headers(), json: undefined, text: "" };
    await expect(checkContract("OPTIONS", "/api/users", preflight)).resolves.toBeUndefined();
  });
});

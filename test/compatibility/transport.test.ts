/**
 * FreeScout's API module (1.0.87) as integrations were tested against it: the rows of
 * module-behaviour.md's "Every endpoint" section (bodies, enum coercion, emails, paging, list
 * parameters). One test per row: each sends the request the module accepts and reads the
 * module's effect back through the API.
 */
import { env } from "cloudflare:test";
import { call, errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** A form body as PHP's http_build_query writes it. */
const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

/** A multipart body as a browser or curl -F writes it. */
async function multipart(fields: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  const encoded = new Response(data);
  return { body: await encoded.text(), headers: { "content-type": encoded.headers.get("content-type")! } };
}

const count = async (table: string) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

async function conversationOf(res: { status: number; json: any }) {
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const read = await get(`/api/conversations/${res.json.id}`, { query: { embed: "threads" } });
  expect(read.status).toBe(200);
  return read.json;
}

describe("Bodies: JSON, form-encoded, multipart and the query string, as $request->all()", () => {
  it("H: Create Conversation from a PHP form body (threads[0][text], customer[email])", async () => {
    const res = await call("POST", "/api/conversations", {
      headers: FORM,
      body: form([
        ["type", "email"],
        ["mailboxId", "1"],
        ["subject", "From a PHP form"],
        ["customer[email]", "form.client@example.org"],
        ["customer[firstName]", "Forma"],
        ["threads[0][type]", "customer"],
        ["threads[0][text]", "Hello from http_build_query"],
        ["threads[0][cc][]", "one@example.org"],
        ["threads[0][cc][]", "two@example.org"],
        ["imported", "1"],
        ["status", "pending"],
      ]),
    });
    const conversation = await conversationOf(res);
    expect(conversation).toMatchObject({
      subject: "From a PHP form",
      status: "pending",
      mailboxId: 1,
      customer: { email: "form.client@example.org", firstName: "Forma" },
    });
    const [thread] = conversation._embedded.threads;
    expect(thread).toMatchObject({ type: "customer", body: "Hello from http_build_query" });
    expect(thread.cc).toEqual(["one@example.org", "two@example.org"]);
  });

  it("H: Create Conversation from a multipart/form-data body with the same names", async () => {
    const body = await multipart([
      ["type", "phone"],
      ["mailboxId", "1"],
      ["subject", "Multipart"],
      ["customer[email]", "multi@example.org"],
      ["threads[0][type]", "note"],
      ["threads[0][text]", "Called the customer"],
      ["threads[0][user]", "1"],
    ]);
    const conversation = await conversationOf(await call("POST", "/api/conversations", body));
    expect(conversation).toMatchObject({
      type: "phone",
      subject: "Multipart",
      customer: { email: "multi@example.org" },
    });
    expect(conversation._embedded.threads[0]).toMatchObject({ type: "note", body: "Called the customer" });
  });

  it("H: Create Thread from a PHP form body", async () => {
    const res = await call("POST", "/api/conversations/1/threads", {
      headers: FORM,
      body: form([
        ["type", "note"],
        ["text", "A note sent as a form"],
        ["user", "1"],
      ]),
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const read = await get("/api/conversations/1", { query: { embed: "threads" } });
    expect(read.json._embedded.threads.map((t: { body: string }) => t.body)).toContain("A note sent as a form");
  });

  it("H: Create Customer and Update Customer from PHP form bodies (emails[0][value], phones[0][type])", async () => {
    const created = await call("POST", "/api/customers", {
      headers: FORM,
      body: form([
        ["firstName", "Paula"],
        ["lastName", "Form"],
        ["emails[0][value]", "paula@example.org"],
        ["emails[0][type]", "home"],
        ["phones[0][value]", "555-0100"],
        ["phones[0][type]", "mobile"],
        ["address[city]", "Lisbon"],
      ]),
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id;

    const updated = await call("PUT", `/api/customers/${id}`, {
      headers: FORM,
      body: form([
        ["jobTitle", "Buyer"],
        ["websites[0][value]", "https://paula.example.org"],
      ]),
    });
    expect(updated.status, JSON.stringify(updated.json)).toBe(204);

    const read = await get(`/api/customers/${id}`);
    expect(read.json).toMatchObject({
      firstName: "Paula",
      lastName: "Form",
      jobTitle: "Buyer",
      _embedded: {
        address: { city: "Lisbon" },
        emails: [{ value: "paula@example.org", type: "home" }],
        phones: [{ value: "555-0100", type: "mobile" }],
        websites: [{ value: "https://paula.example.org" }],
      },
    });
  });

  it("H: body parameters in the query string; the body wins on a clash, as Laravel merges", async () => {
    const onlyQuery = await call("POST", "/api/customers", {
      query: { firstName: "Quentin", "emails[0][value]": "quentin@example.org" },
    });
    expect(onlyQuery.status, JSON.stringify(onlyQuery.json)).toBe(201);
    expect((await get(`/api/customers/${onlyQuery.json.id}`)).json).toMatchObject({
      firstName: "Quentin",
      _embedded: { emails: [{ value: "quentin@example.org" }] },
    });

    const clash = await call("POST", "/api/customers", {
      query: { firstName: "FromQuery", lastName: "OnlyInQuery" },
      body: { firstName: "FromBody" },
    });
    expect(clash.status).toBe(201);
    expect((await get(`/api/customers/${clash.json.id}`)).json).toMatchObject({
      firstName: "FromBody",
      lastName: "OnlyInQuery",
    });
  });

  it("H: empty strings and nulls on optional fields mean not given", async () => {
    const conversation = await conversationOf(
      await post("/api/conversations", {
        type: "email",
        mailboxId: 1,
        subject: "Empty optionals",
        customer: { email: "empty@example.org", phone: "" },
        threads: [{ type: "customer", text: "Hi", cc: null, createdAt: "" }],
        assignTo: "",
        status: null,
        closedAt: "",
        customFields: null,
      }),
    );
    // No status given: the customer thread's reply rule makes it active; no assignee.
    expect(conversation).toMatchObject({ status: "active", assignee: null, customer: { email: "empty@example.org" } });

    // The same in a form body, where "not given" can only be written as an empty value.
    const res = await call("POST", "/api/customers", {
      headers: FORM,
      body: form([
        ["firstName", "Edna"],
        ["photoUrl", ""],
        ["address[country]", ""],
      ]),
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect((await get(`/api/customers/${res.json.id}`)).json).toMatchObject({ firstName: "Edna", photoUrl: null });
  });

  it("a form body is validated as JSON is: 400 naming the field, and nothing is written", async () => {
    const before = await count("conversations");
    const res = await call("POST", "/api/conversations", {
      headers: FORM,
      body: form([
        ["type", "email"],
        ["mailboxId", "abc"],
        ["subject", "Validated"],
        ["customer[email]", "x@example.org"],
        ["threads[0][type]", "customer"],
        ["threads[0][text]", "Hi"],
      ]),
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([expect.objectContaining({ path: "mailboxId", source: "JSON" })]);
    // A required field missing from a form is a 400, never a skipped validation.
    const missing = await call("POST", "/api/conversations", { headers: FORM, body: form([["subject", "x"]]) });
    expect(missing.status).toBe(400);
    expect(errorsOf(missing).map((e) => e.path)).toEqual(expect.arrayContaining(["mailboxId", "customer", "threads"]));
    expect(await count("conversations")).toBe(before);
  });

  it("415 only for a media type that is none of the three; prototype keys are refused", async () => {
    const plain = await call("POST", "/api/customers", {
      headers: { "content-type": "text/plain" },
      body: "firstName=X",
    });
    expect(plain.status).toBe(415);
    const broken = await call("POST", "/api/customers", {
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      body: "not a multipart body",
    });
    expect(broken.status).toBe(400);
    errorsOf(broken);
    const before = await count("customers");
    const proto = await call("POST", "/api/customers", {
      headers: FORM,
      body: form([
        ["firstName", "Polly"],
        ["__proto__[admin]", "1"],
      ]),
    });
    expect(proto.status).toBe(400);
    expect(errorsOf(proto)[0]).toMatchObject({ path: "__proto__[admin]" });
    expect(await count("customers")).toBe(before);
  });
});

describe("Unknown enum values become the module's defaults", () => {
  it("H: conversation type -> email, status -> active, thread type -> customer, state -> published", async () => {
    const conversation = await conversationOf(
      await post("/api/conversations", {
        type: "sms",
        mailboxId: 1,
        subject: "Coerced",
        customer: { email: "coerced@example.org" },
        threads: [{ type: "tweet", text: "Hi", state: "archived" }],
        status: "open",
      }),
    );
    expect(conversation).toMatchObject({ type: "email", status: "active", state: "published" });
    expect(conversation._embedded.threads[0]).toMatchObject({ type: "customer", state: "published" });
  });

  it("H: photoType -> unknown, email and phone type -> work", async () => {
    const res = await post("/api/customers", {
      firstName: "Coerced",
      photoType: "selfie",
      emails: [{ value: "coerced.customer@example.org", type: "private" }],
      phones: [{ value: "555-0199", type: "cell" }],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect((await get(`/api/customers/${res.json.id}`)).json).toMatchObject({
      photoType: "unknown",
      _embedded: {
        emails: [{ value: "coerced.customer@example.org", type: "work" }],
        phones: [{ value: "555-0199", type: "work" }],
      },
    });
  });
});

describe("Emails as the module checks them", () => {
  it("M: an email is something@something, lower-cased", async () => {
    const res = await post("/api/customers", { firstName: "Intranet", emails: [{ value: "Ann.Lee@Intranet" }] });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect((await get(`/api/customers/${res.json.id}`)).json._embedded.emails).toEqual([
      expect.objectContaining({ value: "ann.lee@intranet" }),
    ]);
    expect((await post("/api/customers", { emails: [{ value: "no-at-sign" }] })).status).toBe(400);
  });

  it('M: cc and bcc take a comma-separated string and "Name <addr>"; invalid entries are dropped', async () => {
    const conversation = await conversationOf(
      await post("/api/conversations", {
        type: "email",
        mailboxId: 1,
        subject: "Copies",
        customer: { email: "copies@example.org" },
        threads: [
          {
            type: "customer",
            text: "Hi",
            cc: "Ann Lee <Ann@Example.org>, not an address, bob@example.org",
            bcc: ["Carl <carl@example.org>", "nope", 42],
          },
        ],
      }),
    );
    expect(conversation._embedded.threads[0]).toMatchObject({
      cc: ["ann@example.org", "bob@example.org"],
      bcc: ["carl@example.org"],
    });
  });
});

describe("Paging as the module pages", () => {
  it("M: pageSize=0 means 50, a bad page means 1, non-numbers fall back, totalPages at least 1", async () => {
    const zero = await get("/api/customers", { query: { pageSize: 0 } });
    expect(zero.status).toBe(200);
    expect(zero.json.page).toMatchObject({ size: 50, number: 1 });
    const bad = await get("/api/customers", { query: { page: "abc", pageSize: "ten" } });
    expect(bad.status).toBe(200);
    expect(bad.json.page).toMatchObject({ size: 50, number: 1 });
    const negative = await get("/api/users", { query: { page: -3, pageSize: -1 } });
    expect(negative.json.page).toMatchObject({ size: 50, number: 1 });
    // PHP's (int) reads leading digits.
    expect((await get("/api/users", { query: { pageSize: "2abc" } })).json.page.size).toBe(2);
    const empty = await get("/api/customers", { query: { email: "nobody@example.org" } });
    expect(empty.json.page).toEqual({ size: 50, totalElements: 0, totalPages: 1, number: 1 });
  });

  it("M: a client walking pages by totalPages at pageSize=200 sees every conversation and customer once", async () => {
    const cap = Number(env.MAX_PAGE_SIZE ?? 100);
    const extra = cap + 25;
    for (let start = 0; start < extra; start += 25) {
      const batch = Array.from({ length: Math.min(25, extra - start) }, (_, i) =>
        post("/api/conversations", {
          type: "email",
          mailboxId: 1,
          subject: `Walk ${start + i}`,
          customer: { email: `walker${start + i}@example.org` },
          threads: [{ type: "customer", text: "Hi" }],
        }),
      );
      for (const res of await Promise.all(batch)) expect(res.status).toBe(201);
    }

    for (const [path, key, table] of [
      ["/api/conversations", "conversations", "conversations"],
      ["/api/customers", "customers", "customers"],
    ] as const) {
      const total = await count(table);
      expect(total).toBeGreaterThan(cap);
      const seen: number[] = [];
      let page = 1;
      let totalPages = 1;
      do {
        const res = await get(path, { query: { pageSize: 200, page } });
        expect(res.status).toBe(200);
        // The size used is what the page says, and totalPages counts pages of that size.
        expect(res.json.page.size).toBe(Math.min(200, cap));
        expect(res.json.page.totalElements).toBe(total);
        totalPages = res.json.page.totalPages;
        seen.push(...res.json._embedded[key].map((item: { id: number }) => item.id));
        page += 1;
      } while (page <= totalPages);
      expect(seen.length, path).toBe(total);
      expect(new Set(seen).size, path).toBe(total);
    }
  });
});

describe("List parameters: unknown values ignored", () => {
  it("M: unknown sortOrder (and List Customers sortField) and unknown embeds are ignored, not 400", async () => {
    const plain = await get("/api/customers");
    const odd = await get("/api/customers", { query: { sortOrder: "up", sortField: "email" } });
    expect(odd.status).toBe(200);
    expect(odd.json._embedded.customers.map((c: { id: number }) => c.id)).toEqual(
      plain.json._embedded.customers.map((c: { id: number }) => c.id),
    );
    const conversation = await get("/api/conversations/1", { query: { embed: "nothing,threads" } });
    expect(conversation.status).toBe(200);
    expect(conversation.json._embedded.threads.length).toBeGreaterThan(0);
  });
});

describe("Form bodies under fuzzing", () => {
  it("random PHP-style form bodies to every write endpoint: never a 5xx, always the envelope", async () => {
    const fc = (await import("fast-check")).default;
    const name = fc.oneof(
      fc.constantFrom("type", "mailboxId", "subject", "customer", "threads", "emails", "tags", "status", "firstName"),
      fc.string({ maxLength: 8 }),
    );
    const suffix = fc.array(
      fc.oneof(
        fc.constantFrom("[]", "[0]", "[1]", "[text]", "[email]", "[value]", "[", "]", "[__proto__]"),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 4 },
    );
    const field = fc
      .tuple(name, suffix, fc.string({ maxLength: 12 }))
      .map(([n, s, v]) => [n + s.join(""), v] as [string, string])
      // workerd's FormData encoder (the test's, not the server's) refuses names ending in "\\".
      .filter(([n]) => !n.endsWith("\\"));
    const target = fc.constantFrom(
      ["POST", "/api/conversations"],
      ["POST", "/api/conversations/1/threads"],
      ["PUT", "/api/conversations/1"],
      ["POST", "/api/customers"],
      ["PUT", "/api/customers/1"],
      ["PUT", "/api/conversations/1/tags"],
      ["POST", "/api/users"],
      ["POST", "/api/webhooks"],
    );
    await fc.assert(
      fc.asyncProperty(
        target,
        fc.array(field, { maxLength: 12 }),
        fc.boolean(),
        async ([method, path], fields, multi) => {
          const res = multi
            ? await call(method, path, await multipart(fields))
            : await call(method, path, { headers: FORM, body: form(fields) });
          expect(res.status, `${method} ${path} ${JSON.stringify(fields)}`).toBeLessThan(500);
          if (res.status >= 400) errorsOf(res);
        },
      ),
      { numRuns: 150 },
    );
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

/**
 * FreeScout's API module (1.0.87) as integrations were tested against it: one test per row of
 * the conversation sections of module-behaviour.md. Each sends the request the module accepts
 * and reads the module's effect back through the API.
 */
import { del, errorsOf, get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { captureWebhookMessages } from "@test/support/webhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WebhookMessage } from "../../src/domain/webhooks/message";

beforeEach(resetToDemoData);

/** A conversation as a minimal FreeScout client creates it. */
const conversation = (patch: Record<string, unknown> = {}) => ({
  type: "email",
  mailboxId: 1,
  subject: "Compatibility",
  customer: { email: "compat@example.org" },
  threads: [{ type: "customer", text: "Hello" }],
  ...patch,
});

async function create(patch: Record<string, unknown> = {}) {
  const res = await post("/api/conversations", conversation(patch));
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
}

const ids = (res: { json: { _embedded: { conversations: { id: number }[] } } }) =>
  res.json._embedded.conversations.map((item) => item.id);

/** Every Create Customer field a `customer` reference can carry, as a FreeScout client sends them. */
const customerDetails = {
  lastName: "Morrison",
  company: "Example, Inc",
  jobTitle: "Secretary",
  photoType: "twitter",
  photoUrl: "https://example.org/upload/customer.jpg",
  notes: "Nothing special to say",
  address: { city: "LA", state: "California", zip: "123123", country: "us", lines: ["1419 Westwood Blvd", "Suite 2"] },
  phones: [{ value: "777-777-777", type: "home" }],
  phone: "888-888-888",
  socialProfiles: [{ value: "@markexample", type: "twitter" }],
  websites: [{ value: "https://example.org" }],
};

/** What Get Customer shows of `customerDetails` once a new customer keeps them. */
async function expectCustomerDetails(customerId: number) {
  const got = (await get(`/api/customers/${customerId}`)).json;
  expect(got).toMatchObject({
    lastName: "Morrison",
    company: "Example, Inc",
    jobTitle: "Secretary",
    photoType: "twitter",
    photoUrl: "https://example.org/upload/customer.jpg",
    notes: "Nothing special to say",
  });
  expect(got._embedded.address).toEqual({
    city: "LA",
    state: "California",
    zip: "123123",
    country: "US",
    address: "1419 Westwood Blvd, Suite 2",
  });
  expect(got._embedded.phones.map((p: { value: string; type: string }) => [p.value, p.type])).toEqual([
    ["777-777-777", "home"],
    ["888-888-888", "work"],
  ]);
  expect(got._embedded.social_profiles).toMatchObject([{ value: "@markexample", type: "twitter" }]);
  expect(got._embedded.websites).toMatchObject([{ value: "https://example.org" }]);
  return got;
}

describe("List Conversations", () => {
  it("H: no default filter: every status and state unless asked", async () => {
    const draft = await create({ state: "draft" });
    const listed = ids(await get("/api/conversations"));
    // 7 is closed, `draft` a draft: the document's default (active) would hide both.
    expect(listed).toEqual(expect.arrayContaining([1, 7, draft.id]));
    expect(ids(await get("/api/conversations", { query: { status: "active" } }))).not.toContain(7);
  });

  it("M: unknown status, state, type, sortField, sortOrder and embed values are ignored", async () => {
    const plain = await get("/api/conversations");
    const res = await get("/api/conversations", {
      query: { status: "open", state: "archived", type: "fax", sortField: "priority", sortOrder: "up", embed: "x" },
    });
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(ids(plain));
    // Known values among unknown ones still filter.
    expect(ids(await get("/api/conversations", { query: { status: "closed,open" } }))).toEqual([7]);
  });

  it("M: createdSince and updatedSince include the given second (>=)", async () => {
    const made = await create({ createdAt: "2022-06-01T12:00:00Z" });
    const since = await get("/api/conversations", { query: { createdSince: "2022-06-01T12:00:00Z" } });
    expect(ids(since)).toEqual([made.id]);
    const updated = await get("/api/conversations", { query: { updatedSince: made.updatedAt } });
    expect(ids(updated)).toContain(made.id);
  });

  it("M: customerEmail compares the conversation's customer email", async () => {
    expect(ids(await get("/api/conversations", { query: { customerEmail: "rodney@example.org" } }))).toEqual([1]);
    expect(ids(await get("/api/conversations", { query: { customerEmail: "ann@example.org" } }))).toEqual([7]);
  });

  it("L: empty createdByUserId= means none (IS NULL); ids that are no ids match nothing", async () => {
    // The demo conversations were created by customers.
    expect(ids(await get("/api/conversations", { query: { createdByUserId: "" } }))).toEqual([7, 1]);
    const queries: Record<string, string>[] = [
      { createdByCustomerId: "abc" },
      { assignedTo: "me" },
      { customerId: "x" },
    ];
    for (const query of queries) {
      const res = await get("/api/conversations", { query });
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual([]);
    }
  });

  it("M/H: every item has _embedded.threads ([] without embed) and threadsCount", async () => {
    const items = (await get("/api/conversations")).json._embedded.conversations;
    for (const item of items) {
      expect(item._embedded.threads).toEqual([]);
      expect(item.threadsCount).toBe(item.threads);
    }
    const embedded = (await get("/api/conversations", { query: { embed: "threads" } })).json._embedded.conversations;
    expect(embedded.find((item: { id: number }) => item.id === 1)._embedded.threads.length).toBeGreaterThan(0);
  });
});

describe("Get Conversation and the conversation JSON", () => {
  it('M: no null where the document shows a string: action.type "", action.text, nested photoUrl and email ""', async () => {
    const made = await create({
      customer: { firstName: "Nomail" },
      threads: [
        { type: "message", text: "Second", user: 33 },
        { type: "customer", text: "First" },
      ],
    });
    const got = (await get(`/api/conversations/${made.id}`)).json;
    const [reply, first] = got._embedded.threads;
    expect(reply.action).toEqual({
      type: "",
      text: `Olivia Owner replied to conversation #${got.number}`,
      associatedEntities: [],
    });
    expect(first.action.text).toBe(`Nomail started a new conversation #${got.number}`);
    expect(got.customer).toMatchObject({ firstName: "Nomail", email: "", photoUrl: "" });
    expect(reply.createdBy).toMatchObject({ id: 33, type: "user", photoUrl: "" });
    const note = await post(`/api/conversations/${made.id}/threads`, { type: "note", text: "n", user: 7 });
    expect(note.json.action).toMatchObject({
      type: "",
      text: `Sam Support added a note to conversation #${got.number}`,
    });
  });

  it("L: embed= (empty) means threads; timelogs alone leaves threads []", async () => {
    expect((await get("/api/conversations/1", { query: { embed: "" } })).json._embedded.threads.length).toBe(5);
    expect((await get("/api/conversations/1", { query: { embed: "timelogs" } })).json._embedded.threads).toEqual([]);
  });

  it("L/M: source.type is api for conversations and threads created through the API", async () => {
    const made = await create();
    expect(made.source).toEqual({ type: "api", via: "customer" });
    expect(made._embedded.threads[0].source).toEqual({ type: "api", via: "customer" });
    const thread = await post("/api/conversations/1/threads", { type: "message", text: "x", user: 7 });
    expect(thread.json.source).toEqual({ type: "api", via: "user" });
  });
});

describe("Create Conversation", () => {
  it("H: customer looked up by phone when neither id nor email matches", async () => {
    const made = await create({ type: "email", customer: { phone: "555-0100", firstName: "Someone" } });
    expect(made.customer).toMatchObject({ id: 1, email: "rodney@example.org" });
  });

  it("H: an unknown customer is created from firstName alone, for any conversation type", async () => {
    const made = await create({ type: "email", customer: { firstName: "Firstonly" } });
    expect(made.customer).toMatchObject({ firstName: "Firstonly", email: "" });
    expect((await get(`/api/customers/${made.customer.id}`)).json.firstName).toBe("Firstonly");
  });

  it("H: a new customer found by no email keeps every customer field given", async () => {
    const made = await create({ customer: { email: "Mark@Example.org", firstName: "Mark", ...customerDetails } });
    const got = await expectCustomerDetails(made.customer.id);
    expect(got).toMatchObject({ firstName: "Mark" });
    expect(got._embedded.emails).toMatchObject([{ value: "mark@example.org", type: "work" }]);
  });

  it("H: a new customer without email keeps every customer field given", async () => {
    const made = await create({ customer: { firstName: "Nomail", ...customerDetails } });
    expect(made.customer).toMatchObject({ firstName: "Nomail", email: "" });
    await expectCustomerDetails(made.customer.id);
  });

  it("H: an existing customer found by email is used unchanged", async () => {
    const before = (await get("/api/customers/1")).json;
    const made = await create({ customer: { email: "rodney@example.org", firstName: "Other", ...customerDetails } });
    expect(made.customer.id).toBe(1);
    expect((await get("/api/customers/1")).json).toEqual(before);
  });

  it("M: the new customer's fields have Create Customer's limits (jobTitle at most 60), and nothing is written", async () => {
    const before = (await get("/api/conversations")).json.page.totalElements;
    const res = await post(
      "/api/conversations",
      conversation({ customer: { firstName: "Long", jobTitle: "x".repeat(61) } }),
    );
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]!.path).toBe("customer.jobTitle");
    expect((await get("/api/conversations")).json.page.totalElements).toBe(before);
  });

  it("M: an empty photoUrl or phone means not given", async () => {
    const made = await create({ customer: { firstName: "Empty", photoUrl: "", phone: "" } });
    const got = (await get(`/api/customers/${made.customer.id}`)).json;
    expect(got).toMatchObject({ firstName: "Empty", photoUrl: null });
    expect(got._embedded.phones).toEqual([]);
  });

  it("H: an unknown customer id is a 400 naming customer, and nothing is written", async () => {
    const before = (await get("/api/conversations")).json.page.totalElements;
    const res = await post("/api/conversations", conversation({ customer: { id: 999 } }));
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]!.path).toBe("customer");
    expect((await get("/api/conversations")).json.page.totalElements).toBe(before);
  });

  it("H: assignTo with an unknown user is ignored", async () => {
    const made = await create({ assignTo: 999 });
    expect(made.assignee).toBeNull();
  });

  it("H: assignTo is not checked for mailbox access", async () => {
    // User 7 has no access to mailbox 2.
    const made = await create({ mailboxId: 2, assignTo: 7 });
    expect(made.assignee).toMatchObject({ id: 7 });
    expect((await get(`/api/conversations/${made.id}`)).json.assignee).toMatchObject({ id: 7 });
  });

  it("M: invalid threads are skipped; 201 with the valid ones", async () => {
    const made = await create({
      threads: [
        { type: "message", text: "no user" },
        { type: "note", text: "unknown user", user: 999 },
        { type: "customer" },
        { type: "customer", text: "kept" },
      ],
    });
    expect(made._embedded.threads.map((t: { body: string }) => t.body)).toEqual(["kept"]);
    expect(made.threadsCount).toBe(1);
  });

  it("M: without status, the newest thread's reply rule applies (an agent message leaves it pending)", async () => {
    const pending = await create({
      threads: [
        { type: "message", text: "reply", user: 7 },
        { type: "customer", text: "question" },
      ],
    });
    expect(pending.status).toBe("pending");
    const active = await create({ threads: [{ type: "customer", text: "question" }] });
    expect(active.status).toBe("active");
  });

  it("M: state is honoured", async () => {
    const made = await create({ state: "deleted" });
    expect((await get(`/api/conversations/${made.id}`)).json.state).toBe("deleted");
  });

  it("M: customer may be a one-element array (Zapier)", async () => {
    const made = await create({ customer: [{ email: "rodney@example.org" }] });
    expect(made.customer.id).toBe(1);
  });

  it("M: status spam is accepted; an unknown status means active", async () => {
    expect((await create({ status: "spam" })).status).toBe("spam");
    expect((await create({ status: "open" })).status).toBe("active");
  });

  it('M: subject "" is accepted', async () => {
    expect((await create({ subject: "" })).subject).toBe("");
  });

  it("H: unknown conversation type means email; custom is a type", async () => {
    expect((await create({ type: "fax" })).type).toBe("email");
    expect((await create({ type: "custom" })).type).toBe("custom");
  });

  it("H: unknown thread type means customer; unknown thread state means published", async () => {
    const made = await create({ threads: [{ type: "sms", text: "hi", state: "weird" }] });
    expect(made._embedded.threads[0]).toMatchObject({ type: "customer", state: "published" });
  });

  it("L (kept): 201 with Resource-ID and also a Location header", async () => {
    const res = await post("/api/conversations", conversation());
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    expect(res.headers.get("Location")).toMatch(new RegExp(`/api/conversations/${res.json.id}$`));
  });
});

describe("Create Thread", () => {
  it("H: a customer thread without customer is written by the conversation's customer", async () => {
    const res = await post("/api/conversations/1/threads", { type: "customer", text: "Still waiting" });
    expect(res.status).toBe(201);
    expect(res.json.createdBy).toMatchObject({ id: 1, type: "customer" });
    expect((await get("/api/conversations/1")).json._embedded.threads[0].body).toBe("Still waiting");
  });

  it("H: a new customer of a thread keeps every customer field given", async () => {
    const res = await post("/api/conversations/1/threads", {
      type: "customer",
      text: "From someone new",
      customer: { email: "newcomer@example.org", firstName: "Newcomer", ...customerDetails },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const got = await expectCustomerDetails(res.json.createdBy.id);
    expect(got).toMatchObject({ firstName: "Newcomer" });
  });

  it("H: an existing customer of a thread is used unchanged", async () => {
    const before = (await get("/api/customers/1")).json;
    const res = await post("/api/conversations/1/threads", {
      type: "customer",
      text: "Me again",
      customer: { id: 1, firstName: "Renamed", ...customerDetails },
    });
    expect(res.status).toBe(201);
    expect((await get("/api/customers/1")).json).toEqual(before);
  });

  it("M: an unknown thread type means customer", async () => {
    const res = await post("/api/conversations/1/threads", { type: "email", text: "x" });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ type: "customer", createdBy: { id: 1 } });
  });

  it("M: status unknown means active; spam is accepted", async () => {
    await post("/api/conversations/7/threads", { type: "note", text: "x", user: 7, status: "reopen" });
    expect((await get("/api/conversations/7")).json.status).toBe("active");
    await post("/api/conversations/7/threads", { type: "note", text: "x", user: 7, status: "spam" });
    expect((await get("/api/conversations/7")).json.status).toBe("spam");
  });

  it("M: thread states hidden and review are accepted", async () => {
    for (const state of ["hidden", "review"]) {
      const res = await post("/api/conversations/1/threads", { type: "note", text: state, user: 7, state });
      expect(res.status).toBe(201);
      expect(res.json.state).toBe(state);
    }
  });

  it("M: a thread's customer becomes the conversation's customer", async () => {
    await post("/api/conversations/1/threads", { type: "customer", text: "I'm Ann", customer: { id: 7 } });
    expect((await get("/api/conversations/1")).json.customer).toMatchObject({ id: 7, email: "ann@example.org" });
  });

  it("M: customer on an agent thread is resolved and used for to", async () => {
    const res = await post("/api/conversations/1/threads", {
      type: "message",
      text: "Forwarding to you",
      user: 7,
      customer: { email: "ann@example.org" },
    });
    expect(res.json.to).toEqual(["ann@example.org"]);
    expect((await get("/api/conversations/1")).json.customer.id).toBe(7);
  });

  it("M: attachments without fileName or content are skipped; data wins over fileUrl", async () => {
    const res = await post("/api/conversations/1/threads", {
      type: "note",
      text: "files",
      user: 7,
      attachments: [
        { mimeType: "text/plain", data: "ZmlsZQ==" },
        { fileName: "empty.txt", mimeType: "text/plain" },
        { fileName: "both.txt", mimeType: "text/plain", data: "Ym90aA==", fileUrl: "http://127.0.0.1/secret" },
      ],
    });
    expect(res.status).toBe(201);
    const files = res.json._embedded.attachments;
    expect(files.map((file: { fileName: string; size: number }) => [file.fileName, file.size])).toEqual([
      ["both.txt", 4],
    ]);
  });

  it("M: the conversation's state never changes, except that a customer reply un-deletes it", async () => {
    const deleted = await create({ state: "deleted" });
    await post(`/api/conversations/${deleted.id}/threads`, { type: "note", text: "n", user: 7 });
    expect((await get(`/api/conversations/${deleted.id}`)).json.state).toBe("deleted");
    await post(`/api/conversations/${deleted.id}/threads`, { type: "message", text: "d", user: 7, state: "draft" });
    expect((await get(`/api/conversations/${deleted.id}`)).json.state).toBe("deleted");
    await post(`/api/conversations/${deleted.id}/threads`, { type: "customer", text: "hello?" });
    expect((await get(`/api/conversations/${deleted.id}`)).json.state).toBe("published");
  });
});

describe("Create Thread events", () => {
  let sent: WebhookMessage[] = [];
  beforeEach(async () => {
    await post("/api/webhooks", {
      url: "https://hooks.example.com/compat",
      events: ["convo.status", "convo.customer.reply.created", "convo.agent.reply.created", "convo.note.created"],
    });
    sent = captureWebhookMessages();
  });
  afterEach(() => vi.restoreAllMocks());

  const firedBy = async (body: Record<string, unknown>) => {
    sent.length = 0;
    await post("/api/conversations/1/threads", body);
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 30));
    return sent.map((message) => message.event);
  };

  it("M: convo.status only for an agent message with an explicit, changed status", async () => {
    expect(await firedBy({ type: "message", text: "x", user: 7 })).toEqual(["convo.agent.reply.created"]);
    expect(await firedBy({ type: "customer", text: "x", status: "closed" })).toEqual(["convo.customer.reply.created"]);
    expect(await firedBy({ type: "note", text: "x", user: 7, status: "pending" })).toEqual(["convo.note.created"]);
    expect(await firedBy({ type: "message", text: "x", user: 7, status: "closed" })).toEqual([
      "convo.agent.reply.created",
      "convo.status",
    ]);
  });
});

describe("Update Conversation", () => {
  it("M: an unknown status means active", async () => {
    expect((await put("/api/conversations/7", { byUser: 7, status: "reopened" })).status).toBe(204);
    expect((await get("/api/conversations/7")).json.status).toBe("active");
  });

  it("M: assignTo is not checked for access", async () => {
    // User 15 has no access to mailbox 2; conversation moved there first.
    await put("/api/conversations/1", { byUser: 33, mailboxId: 2 });
    expect((await put("/api/conversations/1", { byUser: 33, assignTo: 15 })).status).toBe(204);
    expect((await get("/api/conversations/1")).json.assignee).toMatchObject({ id: 15 });
  });

  it("M (kept safe): assignTo with an unknown user changes nothing and still succeeds", async () => {
    expect((await put("/api/conversations/1", { byUser: 33, assignTo: 999, subject: "Renamed" })).status).toBe(204);
    const got = (await get("/api/conversations/1")).json;
    expect(got).toMatchObject({ subject: "Renamed", assignee: { id: 1 } });
  });

  it("M: moving to a mailbox the assignee cannot access reassigns to byUser", async () => {
    // User 7 has no access to mailbox 2.
    await put("/api/conversations/1", { byUser: 33, assignTo: 7 });
    await put("/api/conversations/1", { byUser: 33, mailboxId: 2 });
    expect((await get("/api/conversations/1")).json).toMatchObject({ mailboxId: 2, assignee: { id: 33 } });
  });

  it('M: subject "" is accepted', async () => {
    expect((await put("/api/conversations/1", { subject: "" })).status).toBe(204);
    expect((await get("/api/conversations/1")).json.subject).toBe("");
  });
});

describe("Delete Conversation", () => {
  let sent: WebhookMessage[] = [];
  beforeEach(async () => {
    await post("/api/webhooks", {
      url: "https://hooks.example.com/compat",
      events: ["convo.deleted", "convo.deleted_forever"],
    });
    sent = captureWebhookMessages();
  });
  afterEach(() => vi.restoreAllMocks());

  it("M: only convo.deleted_forever fires", async () => {
    expect((await del("/api/conversations/1")).status).toBe(204);
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sent.map((message) => message.event)).toEqual(["convo.deleted_forever"]);
    expect((await get("/api/conversations/1")).status).toBe(404);
  });
});

import { call, del, get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeAll, describe, expect, it } from "vitest";

const patch = (path: string, body: unknown) => call("PATCH", path, { body });
type Listed = { status: number; headers: Headers; json: any };
const ids = (res: Listed) => res.json._embedded.conversations.map((c: { id: number }) => c.id);
const search = (query: string, extra: Record<string, string | number> = {}) =>
  get("/api/conversations", { query: { query, ...extra } });

const made: Record<string, number> = {};
const threadOf: Record<string, number> = {};

/**
 * Demo conversations 1 ("Refund": refund, payment, invoice in its threads) and 7 ("Where is my
 * order?"), plus the ones made here (mailbox 1's custom fields: 18 Priority dropdown
 * 1 Low / 2 Medium / 3 High, 19 Purchase Date, 37 Vendor).
 */
beforeAll(async () => {
  await resetToDemoData();
  const make = async (name: string, body: Record<string, unknown>) => {
    const res = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      customer: { email: `${name}@example.org` },
      ...body,
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.json));
    made[name] = res.json.id;
  };
  await make("kettle", {
    subject: "Kettle arrived broken",
    threads: [{ type: "customer", text: "<p>The kettle arrived <b>broken</b>, the lid is <i>cra</i>cked.</p>" }],
    customFields: [
      { id: 18, value: "3" },
      { id: 19, value: "2026-01-15" },
      { id: 37, value: "Acme" },
    ],
    createdAt: "2026-01-15T10:00:00Z",
  });
  await make("cafe", {
    subject: "Question",
    status: "pending",
    threads: [{ type: "customer", text: "<div>Where is my Café order?</div><div>It was a gift</div>" }],
    customFields: [
      { id: 18, value: "1" },
      { id: 19, value: "2026-03-01" },
    ],
    createdAt: "2026-03-01T10:00:00Z",
  });
  await make("invoice", {
    subject: "Invoice copy",
    status: "closed",
    assignTo: 7,
    customer: { email: "ann@example.org" },
    threads: [{ type: "customer", text: "Please send the invoice again" }],
    createdAt: "2026-02-01T10:00:00Z",
  });
  await make("sales", {
    mailboxId: 2,
    subject: "Kettle kettle",
    threads: [{ type: "customer", text: "Kettles: is a kettle on sale? I want a kettle." }],
    createdAt: "2026-04-01T10:00:00Z",
  });
  await make("long", {
    subject: "Several things",
    threads: [
      {
        type: "customer",
        text: "I wrote about many things today, the weather, the garden, the neighbours, and once the kettle.",
      },
    ],
    createdAt: "2026-05-01T10:00:00Z",
  });
  const note = await post(`/api/conversations/${made.invoice}/threads`, {
    type: "note",
    text: "Internal: customer asked twice about the zeppelin",
    user: 1,
  });
  threadOf.note = Number(note.headers.get("Resource-ID"));
  const reply = await post(`/api/conversations/${made.cafe}/threads`, {
    type: "customer",
    text: "Also the parcel had a marmalade stain",
    customer: { email: "cafe@example.org" },
  });
  threadOf.reply = Number(reply.headers.get("Resource-ID"));
  // The customer's reply made it active again.
  await put(`/api/conversations/${made.cafe}`, { status: "pending", byUser: 1 });
  await put(`/api/conversations/${made.kettle}/tags`, { tags: ["VIP"] });
});

describe("List Conversations: query (full text)", () => {
  it("finds a word in the subject or in any thread, whole words, case and accents ignored", async () => {
    expect(ids(await search("kettle")).sort()).toEqual([made.kettle, made.sales, made.long].sort());
    expect(ids(await search("BROKEN"))).toEqual([made.kettle]);
    expect(ids(await search("cafe"))).toEqual([made.cafe]);
    expect(ids(await search("gift marmalade"))).toEqual([made.cafe]);
    // Whole words: "kettles" is another word; tags are not text; an inline tag does not split a word.
    expect(ids(await search("kettles"))).toEqual([made.sales]);
    expect(ids(await search("div"))).toEqual([]);
    expect(ids(await search("cracked"))).toEqual([made.kettle]);
  });

  it("matches a quoted phrase as adjacent words", async () => {
    expect(ids(await search('"send the invoice"'))).toEqual([made.invoice]);
    expect(ids(await search('"invoice send"'))).toEqual([]);
  });

  it("subject: and body: look in one of them only", async () => {
    expect(ids(await search("subject:invoice"))).toEqual([made.invoice]);
    expect(ids(await search("body:invoice", { sortField: "createdAt" }))).toEqual([made.invoice, 1]);
    expect(ids(await search("subject:broken"))).toEqual([made.kettle]);
    expect(ids(await search("body:question"))).toEqual([]);
  });

  it("ranks by relevance (bm25) without sortField, and follows sortField when given", async () => {
    const ranked = ids(await search("kettle"));
    expect(ranked[0]).toBe(made.sales);
    expect(ranked.at(-1)).toBe(made.long);
    expect(ids(await search("kettle", { sortField: "createdAt", sortOrder: "asc" }))).toEqual([
      made.kettle,
      made.sales,
      made.long,
    ]);
  });

  it("combines text with tags, statuses, people, mailboxes and custom fields", async () => {
    expect(ids(await search("tag:vip status:active kettle"))).toEqual([made.kettle]);
    expect(ids(await search("kettle mailbox:2"))).toEqual([made.sales]);
    expect(ids(await search("(kettle OR cafe) NOT status:pending", { sortField: "createdAt" }))).toEqual([
      made.long,
      made.sales,
      made.kettle,
    ]);
    expect(ids(await search("email:ANN@example.org"))).toEqual([made.invoice, 7]);
    expect(ids(await search("assigned:7 invoice")), "assigned").toEqual([made.invoice]);
    expect(ids(await search("assigned:none kettle", { sortField: "createdAt" }))).toEqual([
      made.long,
      made.sales,
      made.kettle,
    ]);
    expect(ids(await search("customField:18:High OR customField:18:1", { sortField: "createdAt" }))).toEqual([
      made.cafe,
      made.kettle,
    ]);
    expect(ids(await search("NOT kettle tag:vip"))).toEqual([]);
    expect(ids(await search("refund OR zeppelin", { sortField: "createdAt" })), "or").toEqual([made.invoice, 1]);
  });

  it("combines with the other filters by AND and counts every match for the page", async () => {
    expect(ids(await search("kettle", { status: "active", mailboxId: 1, sortField: "createdAt" }))).toEqual([
      made.long,
      made.kettle,
    ]);
    const first = await search("kettle", { pageSize: 1 });
    expect(first.json.page).toEqual({ size: 1, totalElements: 3, totalPages: 3, number: 1 });
    const second = await search("kettle", { pageSize: 1, page: 2 });
    expect(ids(second)).not.toEqual(ids(first));
    expect((await search("kettle", { mailboxId: 1 })).json.page.totalElements).toBe(2);
  });

  it("reads a text search in one round trip", async () => {
    const res = await search("kettle tag:vip");
    expect(res.headers.get("Server-Timing")).toMatch(/q=1 /);
  });

  it("an empty query is no filter, as before", async () => {
    const all = await get("/api/conversations");
    const blank = await search("  ");
    expect(ids(blank)).toEqual(ids(all));
    expect(blank.json.page).toEqual(all.json.page);
  });
});

describe("List Conversations: the index follows the conversation's text", () => {
  it("finds a thread's new text after an edit, and no longer its old words", async () => {
    expect(ids(await search("zeppelin"))).toEqual([made.invoice]);
    const res = await patch(`/api/conversations/${made.invoice}/threads/${threadOf.note}`, {
      text: "Internal: customer asked about the airship",
      user: 1,
    });
    expect(res.status).toBeLessThan(300);
    expect(ids(await search("zeppelin"))).toEqual([]);
    expect(ids(await search("airship"))).toEqual([made.invoice]);
  });

  it("leaves out a hidden thread and takes it back when shown again", async () => {
    const hide = (hidden: boolean) =>
      patch(`/api/conversations/${made.cafe}/threads/${threadOf.reply}`, { hidden, user: 1 });
    expect((await hide(true)).status).toBeLessThan(300);
    expect(ids(await search("marmalade"))).toEqual([]);
    expect((await hide(false)).status).toBeLessThan(300);
    expect(ids(await search("marmalade"))).toEqual([made.cafe]);
  });

  it("leaves out a deleted thread, and a deleted conversation", async () => {
    expect((await del(`/api/conversations/${made.cafe}/threads/${threadOf.reply}`)).status).toBeLessThan(300);
    expect(ids(await search("marmalade"))).toEqual([]);
    expect(ids(await search("gift"))).toEqual([made.cafe]);
    const gone = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      subject: "Temporary quokka",
      customer: { email: "quokka@example.org" },
      threads: [{ type: "customer", text: "quokka" }],
    });
    expect(ids(await search("quokka"))).toEqual([gone.json.id]);
    expect((await del(`/api/conversations/${gone.json.id}`)).status).toBeLessThan(300);
    expect(ids(await search("quokka"))).toEqual([]);
  });

  it("finds a conversation by its new subject", async () => {
    await put(`/api/conversations/${made.long}`, { subject: "Toaster smoke" });
    expect(ids(await search("subject:toaster"))).toEqual([made.long]);
    expect(ids(await search("subject:several"))).toEqual([]);
  });

  it("does not index line items (status changes)", async () => {
    await put(`/api/conversations/${made.kettle}`, { status: "closed", byUser: 1 });
    expect(ids(await search("closed"))).toEqual([]);
    await put(`/api/conversations/${made.kettle}`, { status: "active", byUser: 1 });
  });
});

describe("List Conversations: customField[ID]", () => {
  const byField = (query: Record<string, string>) =>
    get(`/api/conversations?${new URLSearchParams({ ...query, sortField: "createdAt" })}`);

  it("filters by a dropdown's option id or label (any letter case), a date or a date range, a text exactly", async () => {
    expect(ids(await byField({ "customField[18]": "3" }))).toEqual([made.kettle]);
    expect(ids(await byField({ "customField[18]": "High" }))).toEqual([made.kettle]);
    expect(ids(await byField({ "customField[18]": "high" }))).toEqual([made.kettle]);
    expect(ids(await byField({ "customField[19]": "2026-03-01" }))).toEqual([made.cafe]);
    expect(ids(await byField({ "customField[19]": "2026-01-01..2026-03-01" }))).toEqual([made.cafe, made.kettle]);
    expect(ids(await byField({ "customField[19]": "2026-02-01.." }))).toEqual([made.cafe]);
    expect(ids(await byField({ "customField[19]": "..2026-02-01" }))).toEqual([made.kettle]);
    expect(ids(await byField({ "customField[37]": " Acme " }))).toEqual([made.kettle]);
    expect(ids(await byField({ "customField[37]": "Acm" }))).toEqual([]);
    // The demo conversation 1: Priority Medium, Vendor "Acme Payments".
    expect(ids(await byField({ "customField[37]": "Acme Payments" }))).toEqual([1]);
  });

  it("combines several fields and the other filters by AND; an empty value is ignored", async () => {
    expect(ids(await byField({ "customField[18]": "3", "customField[37]": "Acme" }))).toEqual([made.kettle]);
    expect(ids(await byField({ "customField[18]": "1", "customField[37]": "Acme" }))).toEqual([]);
    expect(ids(await byField({ "customField[18]": "Low", status: "pending" }))).toEqual([made.cafe]);
    const all = await byField({});
    expect(ids(await byField({ "customField[18]": "" }))).toEqual(ids(all));
  });

  it("follows a change of the values (Update Custom Fields)", async () => {
    await put(`/api/conversations/${made.cafe}/custom_fields`, { customFields: [{ id: 18, value: "2" }] });
    expect(ids(await byField({ "customField[18]": "Medium" }))).toEqual([made.cafe, 1]);
    await put(`/api/conversations/${made.cafe}/custom_fields`, { customFields: [{ id: 18, value: "" }] });
    expect(ids(await byField({ "customField[18]": "Medium" }))).toEqual([1]);
  });

  it("counts the matches and reads them in one round trip", async () => {
    const res = await byField({ "customField[19]": "2026-01-01..2026-12-31" });
    expect(res.json.page.totalElements).toBe(2);
    expect(res.headers.get("Server-Timing")).toMatch(/q=1 /);
  });
});

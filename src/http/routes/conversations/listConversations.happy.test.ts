import { get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeAll, describe, expect, it } from "vitest";

const ids = (res: { json: { _embedded: { conversations: { id: number }[] } } }) =>
  res.json._embedded.conversations.map((c) => c.id);

const created: Record<string, number> = {};

/** Demo conversations 1 (active, assigned to 1) and 7 (closed), plus a few made here. */
beforeAll(async () => {
  await resetToDemoData();
  const make = async (name: string, body: Record<string, unknown>) => {
    const res = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      subject: name,
      customer: { email: `${name.replace(/\W/g, "")}@example.org` },
      threads: [{ type: "customer", text: `about ${name}` }],
      ...body,
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.json));
    created[name] = res.json.id;
  };
  await make("Printer 100% broken", { createdAt: "2021-01-01T10:00:00Z" });
  await make("Invoice_question", { createdAt: "2021-02-01T10:00:00Z", assignTo: 7 });
  await make("Sales lead", {
    mailboxId: 2,
    createdAt: "2021-03-01T10:00:00Z",
    threads: [{ type: "note", text: "lead", user: 33 }],
    customer: { email: "lead@example.org" },
  });
  await make("Pending one", { createdAt: "2021-04-01T10:00:00Z", status: "pending" });
  await make("Phone call", {
    type: "phone",
    createdAt: "2021-05-01T10:00:00Z",
    customer: { email: "rodney@example.org" },
  });
  await put(`/api/conversations/${created.Invoice_question}/tags`, { tags: ["billing"] });
});

describe("List Conversations", () => {
  it("lists every status by default (FreeScout's module), newest first, with the document's item shape", async () => {
    const res = await get("/api/conversations");
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([
      created["Phone call"],
      created["Pending one"],
      created["Sales lead"],
      created.Invoice_question,
      created["Printer 100% broken"],
      7,
      1,
    ]);
    expect(res.json.page).toEqual({ size: 50, totalElements: 7, totalPages: 1, number: 1 });
    const item = res.json._embedded.conversations[6];
    expect(item).toMatchObject({
      id: 1,
      number: 1,
      threads: 4,
      customer: { email: "rodney@example.org" },
      customFields: [{ id: 18 }, { id: 37 }],
    });
    expect(item.threadsCount).toBe(item.threads);
    expect(item._embedded).toEqual({ threads: [] });
  });

  it.each([
    ["mailboxId list", { mailboxId: "2", status: "all" }, ["Sales lead"]],
    ["status list", { status: "pending,closed" }, ["Pending one", 7]],
    [
      "status=all",
      { status: "all", mailboxId: "1,2" },
      ["Phone call", "Pending one", "Sales lead", "Invoice_question", "Printer 100% broken", 7, 1],
    ],
    ["type", { type: "phone" }, ["Phone call"]],
    ["assignedTo", { assignedTo: "7", status: "active" }, ["Invoice_question"]],
    [
      "empty assignedTo means unassigned",
      { assignedTo: "", status: "active" },
      ["Phone call", "Sales lead", "Printer 100% broken"],
    ],
    ["customerEmail, case-insensitive", { customerEmail: "RODNEY@example.org" }, ["Phone call", 1]],
    ["customerPhone", { customerPhone: "555-0100" }, ["Phone call", 1]],
    ["customerId", { customerId: "1" }, ["Phone call", 1]],
    ["number", { number: "1" }, [1]],
    ["subject substring", { subject: "voice" }, ["Invoice_question"]],
    ["subject with % taken literally", { subject: "100%" }, ["Printer 100% broken"]],
    ["subject with _ taken literally", { subject: "e_q" }, ["Invoice_question"]],
    ["tag", { tag: "billing" }, ["Invoice_question"]],
    ["tag of the seed", { tag: "overdue", status: "all" }, [7, 1]],
    ["createdByCustomerId", { createdByCustomerId: "1" }, ["Phone call", 1]],
    ["createdByUserId", { createdByUserId: "33", status: "all", mailboxId: "2" }, ["Sales lead"]],
    ["createdSince", { createdSince: "2021-03-15T00:00:00Z", status: "active" }, ["Phone call"]],
    ["createdSince, the given second included", { createdSince: "2021-05-01T10:00:00Z" }, ["Phone call"]],
    ["state deleted (none)", { state: "deleted" }, []],
  ])("filters by %s", async (_name, query, expected) => {
    const res = await get("/api/conversations", { query });
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(expected.map((e) => (typeof e === "number" ? e : created[e])));
    expect(res.json.page.totalElements).toBe(expected.length);
  });

  it("filters by updatedSince", async () => {
    const res = await get("/api/conversations", { query: { updatedSince: "2020-09-01T00:00:00Z", status: "all" } });
    expect(ids(res)).toHaveLength(5);
    expect(ids(res)).not.toContain(7);
    expect(ids(res)).not.toContain(1);
    expect(ids(res)).toContain(created["Phone call"]);
  });

  it("filters by a public folder and by a user's Mine folder", async () => {
    const folders = (await get("/api/mailboxes/1/folders")).json._embedded.folders;
    const assigned = folders.find((f: { type: number }) => f.type === 40);
    expect(ids(await get("/api/conversations", { query: { folderId: assigned.id, status: "all" } })).sort()).toEqual(
      [1, created.Invoice_question].sort(),
    );
    const mine7 = folders.find((f: { type: number; userId: number }) => f.type === 20 && f.userId === 7);
    expect(ids(await get("/api/conversations", { query: { folderId: mine7.id, status: "all" } }))).toEqual([
      created.Invoice_question,
    ]);
  });

  it.each([
    ["createdAt", "asc", [1, "Printer 100% broken", "Invoice_question", "Sales lead", "Phone call"]],
    ["number", "desc", ["Phone call", "Sales lead", "Invoice_question", "Printer 100% broken", 1]],
    ["subject", "asc", ["Invoice_question", "Phone call", "Printer 100% broken", 1, "Sales lead"]],
    ["mailboxId", "asc", [1, "Printer 100% broken", "Invoice_question", "Phone call", "Sales lead"]],
  ])("sorts by %s %s", async (sortField, sortOrder, expected) => {
    const res = await get("/api/conversations", { query: { sortField, sortOrder, status: "active" } });
    expect(ids(res)).toEqual(expected.map((e) => (typeof e === "number" ? e : created[e])));
  });

  it("sorts by updatedAt and waitingSince in both orders", async () => {
    for (const sortField of ["updatedAt", "waitingSince"]) {
      const asc = ids(await get("/api/conversations", { query: { sortField, sortOrder: "asc", status: "active" } }));
      const desc = ids(await get("/api/conversations", { query: { sortField, sortOrder: "desc", status: "active" } }));
      expect(asc).toHaveLength(5);
      expect(desc).toEqual([...asc].reverse());
    }
    // The demo conversation was updated and replied to in 2020, before every other.
    const query = { sortField: "updatedAt", sortOrder: "asc", status: "active" };
    expect(ids(await get("/api/conversations", { query }))[0]).toBe(1);
  });

  it("pages", async () => {
    const first = await get("/api/conversations", { query: { pageSize: 3, page: 1 } });
    const second = await get("/api/conversations", { query: { pageSize: 3, page: 2 } });
    const third = await get("/api/conversations", { query: { pageSize: 3, page: 3 } });
    expect(first.json.page).toEqual({ size: 3, totalElements: 7, totalPages: 3, number: 1 });
    expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(ids(await get("/api/conversations")));
  });

  it("embeds threads and tags of every item in two round trips", async () => {
    const res = await get("/api/conversations", { query: { embed: "threads,tags" } });
    const first = res.json._embedded.conversations.find((c: { id: number }) => c.id === 1);
    expect(first._embedded.threads).toHaveLength(5);
    expect(first._embedded.tags.map((t: { name: string }) => t.name)).toEqual(["overdue", "refund"]);
    expect(res.headers.get("Server-Timing")).toMatch(/q=2 /);
  });
});

describe("List Conversations subject search", () => {
  it("finds substrings case-insensitively through the trigram index, and follows subject changes", async () => {
    await resetToDemoData();
    const make = (subject: string) =>
      post("/api/conversations", {
        type: "email",
        mailboxId: 1,
        subject,
        customer: { id: 1 },
        threads: [{ type: "customer", text: "x" }],
      });
    const a = (await make("Refund for order #4411")).json.id;
    const b = (await make('Question about "quotes" and OR/AND')).json.id;
    const search = async (subject: string) =>
      ids(await get("/api/conversations", { query: { subject, status: "all" } }));
    expect(await search("ORDER #44")).toEqual([a]);
    expect(await search("refund")).toEqual([a, 1]);
    expect(await search('"quotes" and OR')).toEqual([b]);
    expect(await search("re")).toContain(a);
    await put(`/api/conversations/${a}`, { subject: "Renamed" });
    expect(await search("#4411")).toEqual([]);
    expect(await search("renamed")).toEqual([a]);
    const { del } = await import("@test/support/api");
    await del(`/api/conversations/${b}`);
    expect(await search("quotes")).toEqual([]);
  });
});

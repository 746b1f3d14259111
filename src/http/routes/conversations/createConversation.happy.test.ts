import { env } from "cloudflare:test";
import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { documentExample } from "@test/support/examples";
import { folderCounterMismatches, misfiledConversations } from "@test/support/invariants";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Conversation", () => {
  it("creates the document's example: 201, Resource-ID, Location and the conversation", async () => {
    const res = await post("/api/conversations", documentExample);
    expect(res.status).toBe(201);
    const id = Number(res.headers.get("Resource-ID"));
    expect(id).toBeGreaterThan(7);
    expect(res.headers.get("Location")).toBe(`http://localhost:8787/api/conversations/${id}`);
    expect(res.json).toMatchObject({
      id,
      number: 3,
      threadsCount: 3,
      type: "email",
      status: "active",
      state: "published",
      subject: "Hi there",
      mailboxId: 1,
      assignee: { id: 15, type: "user", firstName: "Mark" },
      createdBy: { type: "customer", email: "mark@example.org" },
      createdAt: "2020-03-16T14:07:23Z",
      closedAt: null,
      closedBy: null,
      source: { type: "api", via: "customer" },
      preview: "This is the message from a user",
      customer: { type: "customer", email: "mark@example.org", firstName: null },
      customFields: [
        { id: 18, name: "Priority", value: "3", text: "High" },
        { id: 37, name: "Vendor", value: "Some text", text: "" },
      ],
      customerWaitingSince: { time: "2020-03-16T14:07:23Z", latestReplyFrom: "user" },
    });
    const threads = res.json._embedded.threads;
    expect(threads.map((t: { type: string }) => t.type)).toEqual(["message", "note", "customer"]);
    expect(threads[2]).toMatchObject({
      cc: ["antony@example.org"],
      createdBy: { type: "customer", email: "mark@example.org" },
    });
    expect(threads[0]).toMatchObject({
      createdBy: { id: 7, type: "user" },
      to: ["mark@example.org"],
      assignedTo: { id: 15 },
    });
  });

  it("files the conversation and counts it in its folders", async () => {
    const before = (await get("/api/mailboxes/1/folders")).json._embedded.folders;
    const res = await post("/api/conversations", documentExample);
    const after = (await get("/api/mailboxes/1/folders")).json._embedded.folders;
    const assigned = after.find((f: { type: number }) => f.type === 40);
    expect(res.json.folderId).toBe(assigned.id);
    const delta = (type: number, userId: number | null = null) => {
      const find = (list: any[]) => list.find((f) => f.type === type && (f.userId ?? null) === userId);
      return {
        total: find(after).totalCount - find(before).totalCount,
        active: find(after).activeCount - find(before).activeCount,
      };
    };
    expect(delta(40)).toEqual({ total: 1, active: 1 });
    expect(delta(20, 15)).toEqual({ total: 1, active: 1 });
    expect(delta(1)).toEqual({ total: 0, active: 0 });
    expect(await folderCounterMismatches()).toEqual([]);
    expect(await misfiledConversations()).toEqual([]);
  });

  it("creates the customer once, with the first name the thread gave", async () => {
    await post("/api/conversations", documentExample);
    const row = await env.DB.prepare(
      "SELECT c.id, c.first_name FROM customers c JOIN customer_emails e ON e.customer_id = c.id WHERE e.email = 'mark@example.org'",
    ).all();
    expect(row.results).toHaveLength(1);
    await post("/api/conversations", documentExample);
    expect(
      (await env.DB.prepare("SELECT count(*) AS n FROM customer_emails WHERE email = 'mark@example.org'").first())!.n,
    ).toBe(1);
  });

  it("allocates unique consecutive numbers under concurrent creates", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post("/api/conversations", { ...documentExample, subject: `parallel ${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbers = results.map((r) => r.json.number).sort((a: number, b: number) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 3));
    expect(await folderCounterMismatches()).toEqual([]);
  });

  it("closes an imported conversation at closedAt, by the newest user thread's author", async () => {
    const res = await post("/api/conversations", { ...documentExample, imported: true, status: "closed" });
    expect(res.json).toMatchObject({
      status: "closed",
      closedAt: "2020-03-16T14:07:23Z",
      closedBy: 7,
      closedByUser: { id: 7 },
    });
    const closed = (await get("/api/mailboxes/1/folders")).json._embedded.folders.find(
      (f: { type: number }) => f.type === 60,
    );
    expect(res.json.folderId).toBe(closed.id);
  });

  it("creates a phone conversation for a customer known only by name and phone", async () => {
    const res = await post("/api/conversations", {
      type: "phone",
      mailboxId: 1,
      subject: "Call back",
      customer: { firstName: "Paula", phone: "555-0199" },
      threads: [{ type: "phone", text: "Called about her invoice", user: 7 }],
    });
    expect(res.status).toBe(201);
    expect(res.json.customer).toMatchObject({ firstName: "Paula", email: "", photoUrl: "" });
    const list = await get("/api/conversations", { query: { customerPhone: "555-0199" } });
    expect(list.json._embedded.conversations.map((c: { id: number }) => c.id)).toEqual([res.json.id]);
  });

  it("accepts ids and flags as PHP clients send them (strings)", async () => {
    const res = await post("/api/conversations", { ...documentExample, mailboxId: "1", assignTo: "15", imported: "" });
    expect(res.status).toBe(201);
    expect(res.json.assignee.id).toBe(15);
  });

  it("puts a conversation whose only thread is a draft in Drafts", async () => {
    const res = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      subject: "Draft",
      customer: { id: 1 },
      threads: [{ type: "message", text: "Not sent yet", user: 7, state: "draft" }],
    });
    expect(res.json.state).toBe("draft");
    const drafts = (await get("/api/mailboxes/1/folders")).json._embedded.folders.find(
      (f: { type: number }) => f.type === 30,
    );
    expect(res.json.folderId).toBe(drafts.id);
    expect(drafts.totalCount).toBe(1);
  });
});

/**
 * Production D1 binds at most 100 parameters per statement (the instrumented binding
 * enforces it in tests too). Requests at the documented maximums must stay within it.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { get, post, put } from "../support/api";
import { resetToDemoData } from "../support/db";

beforeAll(resetToDemoData);

describe("requests at their maximum sizes", () => {
  it("a customer with 50 emails and 50 phones", async () => {
    const res = await post("/api/customers", {
      firstName: "Many",
      emails: Array.from({ length: 50 }, (_, i) => ({ value: `many${i}@example.org` })),
      phones: Array.from({ length: 50 }, (_, i) => ({ value: `555-${i}` })),
    });
    expect(res.status).toBe(201);
    expect(res.json._embedded.emails).toHaveLength(50);
    expect(
      (
        await put(`/api/customers/${res.json.id}`, {
          emails_add: Array.from({ length: 50 }, (_, i) => `more${i}@example.org`),
        })
      ).status,
    ).toBe(204);
    expect((await get(`/api/customers/${res.json.id}`)).json._embedded.emails).toHaveLength(100);
  });

  it("a thread with 50 attachments", async () => {
    const attachments = Array.from({ length: 50 }, (_, i) => ({ fileName: `f${i}.txt`, data: btoa(`file ${i}`) }));
    const res = await post("/api/conversations/1/threads", { type: "note", text: "files", user: 7, attachments });
    expect(res.status).toBe(201);
    expect(res.json._embedded.attachments).toHaveLength(50);
  });

  it("a conversation with 100 threads and repeated custom field values (the last wins)", async () => {
    const threads = Array.from({ length: 100 }, (_, i) => ({
      type: i % 2 ? "note" : "message",
      text: `t${i}`,
      user: 1 + (i % 3 === 0 ? 6 : 0),
    }));
    const res = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      subject: "Long",
      customer: { id: 1 },
      threads,
      customFields: [
        { id: 37, value: "first" },
        { id: 37, value: "last" },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json._embedded.threads).toHaveLength(100);
    expect(res.json.customFields).toEqual([{ id: 37, name: "Vendor", value: "last", text: "" }]);
  });

  it("a 100-item page of conversations with every embed, and 100 customers", async () => {
    const now = Math.floor(Date.now() / 1000);
    await env.DB.batch(
      Array.from({ length: 120 }, (_, i) =>
        env.DB.prepare(
          `INSERT INTO conversations (number, type, status, state, folder_id, mailbox_id, customer_id, customer_email, created_by_customer_id,
             source_via, source_type, subject, threads_count, created_at, updated_at)
           SELECT 1000 + ?1, 'email', 'active', 'published', f.id, 1, 1, 'rodney@example.org', 1, 'customer', 'email', 'Bulk ' || ?1, 0, ?2, ?2
           FROM folders f WHERE f.mailbox_id = 1 AND f.type = 1 AND f.user_id IS NULL`,
        ).bind(i, now + i),
      ),
    );
    const res = await get("/api/conversations", {
      query: { pageSize: 100, embed: "threads,timelogs,tags", status: "all" },
    });
    expect(res.status).toBe(200);
    expect(res.json._embedded.conversations).toHaveLength(100);
    await env.DB.batch(
      Array.from({ length: 110 }, (_, i) =>
        env.DB.prepare(
          "INSERT INTO customers (first_name, social_profiles, websites, created_at, updated_at) VALUES (?, '[]', '[]', ?, ?)",
        ).bind(`C${i}`, now, now),
      ),
    );
    const customers = await get("/api/customers", { query: { pageSize: 100 } });
    expect(customers.status).toBe(200);
    expect(customers.json._embedded.customers).toHaveLength(100);
  });

  it("refuses more than 50 mailbox ids in a filter", async () => {
    const res = await get("/api/conversations", {
      query: { mailboxId: Array.from({ length: 51 }, (_, i) => i + 1).join(",") },
    });
    expect(res.status).toBe(400);
  });
});

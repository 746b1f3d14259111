import { env } from "cloudflare:test";
import { d1Cost, del, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import {
  erasureFixture,
  expectCountersExact,
  manyConversations,
  objectsLeft,
  PERSON,
  personalDataLeft,
  rowCounts,
} from "@test/support/erasure";
import { captureWebhookMessages } from "@test/support/webhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ERASED as ERASED_MARK } from "../../../domain/customers/redact";

beforeEach(resetToDemoData);
afterEach(() => vi.restoreAllMocks());

describe("Delete Customer", () => {
  it("conversations=delete: the customer, its conversations and every file and raw email go; counters stay exact", async () => {
    const fixture = await erasureFixture();
    const res = await del(`/api/customers/${fixture.customerId}`, { query: { conversations: "delete", byUserId: 1 } });
    expect(res.status).toBe(204);
    // One read and one write batch for a customer with a few conversations.
    expect(d1Cost(res).roundTrips).toBe(2);

    expect((await get(`/api/customers/${fixture.customerId}`)).status).toBe(404);
    for (const id of fixture.own) expect((await get(`/api/conversations/${id}`)).status).toBe(404);
    expect(await personalDataLeft(fixture.customerId)).toEqual([]);
    expect(await objectsLeft(fixture.objectKeys)).toEqual([]);
    await expectCountersExact();
    const tagged = await env.DB.prepare("SELECT counter FROM tags WHERE name = 'erasure-vip'").first<{
      counter: number;
    }>();
    expect(tagged?.counter ?? 0).toBe(0);

    // The other customer's conversation stays, with the customer's message blanked and its address gone.
    const other = (await get(`/api/conversations/${fixture.other}`)).json;
    expect(other.customer.id).toBe(fixture.otherCustomerId);
    expect(other.cc).toEqual([]);
    const written = other._embedded.threads.find((t: { body: string }) => t.body === "");
    expect(written).toMatchObject({ type: "customer", createdBy: null, cc: [] });
    expect((await get(`/api/customers/${fixture.otherCustomerId}`)).status).toBe(200);

    const record = await env.DB.prepare("SELECT * FROM customer_erasures WHERE customer_id = ?")
      .bind(fixture.customerId)
      .first();
    expect(record).toMatchObject({ mode: "delete", by_user_id: 1, finished_at: expect.any(Number) });
  });

  it("conversations=keep (default): the conversations stay without the customer's personal data", async () => {
    const fixture = await erasureFixture();
    const res = await del(`/api/customers/${fixture.customerId}`);
    expect(res.status).toBe(204);
    expect(d1Cost(res).roundTrips).toBe(2);

    expect(await personalDataLeft(fixture.customerId)).toEqual([]);
    expect(await objectsLeft(fixture.objectKeys)).toEqual(
      // The agent's attachment is the business's own and stays.
      await env.DB.prepare("SELECT r2_key AS key FROM attachments WHERE conversation_id = ?")
        .bind(fixture.own[0])
        .all<{ key: string }>()
        .then((r) => r.results.map((row) => row.key)),
    );
    await expectCountersExact();

    const kept = (await get(`/api/conversations/${fixture.own[0]}`)).json;
    expect(kept).toMatchObject({
      customer: null,
      cc: ["colleague@example.org"],
      subject: "Order 1234",
      threadsCount: 3,
    });
    const tags = await env.DB.prepare("SELECT count(*) AS n FROM conversation_tags WHERE conversation_id = ?")
      .bind(fixture.own[0])
      .first("n");
    expect(tags).toBe(2);
    const [reply, customerMessage] = [
      kept._embedded.threads.find((t: { type: string }) => t.type === "message"),
      kept._embedded.threads.find((t: { type: string }) => t.type === "customer"),
    ];
    expect(customerMessage).toMatchObject({ body: "", customer: null, createdBy: null, cc: ["colleague@example.org"] });
    expect(customerMessage._embedded.attachments).toEqual([]);
    expect(reply.body).toBe(`Hi ${ERASED_MARK}, we will call you on ${ERASED_MARK}. Write to ${ERASED_MARK}.`);
    expect(reply.to).toEqual([]);
    expect(reply._embedded.attachments).toHaveLength(1);
    const emailed = (await get(`/api/conversations/${fixture.own[1]}`)).json;
    expect(emailed).toMatchObject({ customer: null, preview: "" });
  });

  it("a large customer is answered 202 with its erasure's record, and finished in the background", async () => {
    const { customerId } = await erasureFixture();
    await manyConversations(customerId, 350);
    const res = await del(`/api/customers/${customerId}`, { query: { conversations: "delete" } });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({
      customerId,
      conversations: "delete",
      byUserId: null,
      requestedAt: expect.any(String),
      finishedAt: null,
    });
    // Asking again while it runs answers the same record.
    const again = await del(`/api/customers/${customerId}`);
    expect([202, 204]).toContain(again.status);
    await vi.waitFor(async () => expect((await del(`/api/customers/${customerId}`)).status).toBe(204), {
      timeout: 10_000,
    });
    expect(await personalDataLeft(customerId)).toEqual([]);
    await expectCountersExact();
  });

  it("is idempotent: asking again answers 204 and changes nothing", async () => {
    const { customerId } = await erasureFixture();
    expect((await del(`/api/customers/${customerId}`, { query: { conversations: "delete" } })).status).toBe(204);
    const before = await rowCounts();
    const again = await del(`/api/customers/${customerId}`, { query: { conversations: "keep" } });
    expect(again.status).toBe(204);
    expect(d1Cost(again)).toMatchObject({ roundTrips: 1, rowsWritten: 0 });
    expect(await rowCounts()).toEqual(before);
  });

  it("a customer without conversations", async () => {
    const created = await post("/api/customers", { firstName: "Solo", emails: [{ value: "solo@example.org" }] });
    expect((await del(`/api/customers/${created.json.id}`)).status).toBe(204);
    expect((await get(`/api/customers/${created.json.id}`)).status).toBe(404);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM customer_emails WHERE email = 'solo@example.org'").first("n"),
    ).toBe(0);
  });

  it("sends customer.deleted, without personal data, to the webhooks that name it", async () => {
    const sent = captureWebhookMessages();
    await post("/api/webhooks", { url: "https://hooks.example.com/erasures", events: ["customer.deleted"] });
    await post("/api/webhooks", { url: "https://hooks.example.com/freescout", events: ["customer.updated"] });
    const { customerId } = await erasureFixture();
    expect((await del(`/api/customers/${customerId}`)).status).toBe(204);
    await vi.waitFor(() => expect(sent.some((m) => m.event === "customer.deleted")).toBe(true));
    const deleted = sent.filter((m) => m.event === "customer.deleted");
    expect(deleted).toHaveLength(1);
    expect(JSON.parse(deleted[0]!.body!)).toEqual({
      id: customerId,
      erasedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      conversations: "kept",
    });
    expect(deleted[0]!.body).not.toContain(PERSON.firstName);
  });
});

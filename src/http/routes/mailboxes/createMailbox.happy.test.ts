import { env } from "cloudflare:test";
import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Mailbox", () => {
  it("creates a mailbox with its six public folders", async () => {
    const res = await post("/api/mailboxes", { name: "Billing", email: "Billing@Example.org" });
    expect(res.status).toBe(201);
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    expect(res.headers.get("Location")).toBe(`http://localhost:8787/api/mailboxes/${res.json.id}`);
    expect(res.json).toMatchObject({ name: "Billing", email: "billing@example.org" });
    const folders = await get(`/api/mailboxes/${res.json.id}/folders`);
    expect(folders.json._embedded.folders.map((f: { type: number }) => f.type)).toEqual([1, 30, 40, 60, 70, 80]);
  });

  it("lists the new mailbox, trimmed name and all, with no user given access", async () => {
    const res = await post("/api/mailboxes", { name: "  Billing  ", email: "billing@example.org" });
    expect(res.json.name).toBe("Billing");
    const list = await get("/api/mailboxes");
    // List Mailboxes shows FreeScout's fields; Create Mailbox adds the mail settings.
    const { aliases, fromName, autoReply, signature, ...freescoutFields } = res.json;
    expect({ aliases, fromName, autoReply, signature }).toEqual({
      aliases: [],
      fromName: null,
      autoReply: { enabled: false, subject: null, body: null },
      signature: null,
    });
    expect(list.json._embedded.mailboxes.at(-1)).toEqual(freescoutFields);
    expect((await get("/api/mailboxes?userId=7")).json.page.totalElements).toBe(1);
  });

  it("creates a mailbox with its mail settings: aliases lower-cased without the primary address, HTML sanitised", async () => {
    const res = await post("/api/mailboxes", {
      name: "Billing",
      email: "billing@example.org",
      aliases: ["Invoices@Example.org", "invoices@example.org", "BILLING@example.org"],
      fromName: "Billing team",
      autoReply: {
        enabled: true,
        subject: "We got your message",
        body: '<p onclick="x()">Thanks!</p><script>x()</script>',
      },
      signature: '<p>Billing<img src="https://tracker.example/p.gif"></p>',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      aliases: ["invoices@example.org"],
      fromName: "Billing team",
      autoReply: { enabled: true, subject: "We got your message", body: "<p>Thanks!</p>" },
      signature: "<p>Billing</p>",
    });
    const row = await env.DB.prepare(
      "SELECT mailbox_id FROM mailbox_aliases WHERE address = 'invoices@example.org'",
    ).first();
    expect(row).toEqual({ mailbox_id: res.json.id });
  });
});

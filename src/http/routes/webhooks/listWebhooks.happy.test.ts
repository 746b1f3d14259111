import { env } from "cloudflare:test";
import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Webhooks", () => {
  it("lists the demo webhook in the Create Webhook shape", async () => {
    const res = await get("/api/webhooks");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      _embedded: {
        webhooks: [
          {
            id: 1,
            url: "http://127.0.0.1:9999/webhook",
            events: ["convo.restored"],
            mailboxes: [],
            enabled: true,
            disabledReason: null,
            disabledAt: null,
            createdAt: "2020-08-09T10:09:00Z",
            updatedAt: "2020-08-09T10:09:00Z",
            lastRunTime: null,
            lastRunError: "",
          },
        ],
      },
      page: { size: 50, totalElements: 1, totalPages: 1, number: 1 },
    });
  });

  it("shows the newest logged attempt as lastRunTime and lastRunError (FreeScout's fields)", async () => {
    await env.DB.prepare(
      `INSERT INTO webhook_deliveries (webhook_id, delivery_id, event, attempt, status_code, error, created_at)
       VALUES (1, 'a', 'convo.restored', 1, 500, 'HTTP 500', 1700000000), (1, 'a', 'convo.restored', 2, 200, NULL, 1700000100)`,
    ).run();
    const [hook] = (await get("/api/webhooks")).json._embedded.webhooks;
    expect(hook).toMatchObject({ lastRunTime: "2023-11-14T22:15:00Z", lastRunError: "" });
    await env.DB.prepare(
      `INSERT INTO webhook_deliveries (webhook_id, delivery_id, event, attempt, status_code, error, created_at)
       VALUES (1, 'b', 'convo.restored', 1, NULL, 'timeout', 1700000200)`,
    ).run();
    expect((await get("/api/webhooks")).json._embedded.webhooks[0]).toMatchObject({
      lastRunTime: "2023-11-14T22:16:40Z",
      lastRunError: "timeout",
    });
  });

  it("lists webhooks by id, paged", async () => {
    await post("/api/webhooks", { url: "https://example.org/a", events: ["customer.created"] });
    const res = await get("/api/webhooks", { query: { pageSize: 1, page: 2 } });
    expect(res.json._embedded.webhooks.map((w: { url: string }) => w.url)).toEqual(["https://example.org/a"]);
    expect(res.json.page).toEqual({ size: 1, totalElements: 2, totalPages: 2, number: 2 });
  });
});

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
            createdAt: "2020-08-09T10:09:00Z",
            updatedAt: "2020-08-09T10:09:00Z",
          },
        ],
      },
      page: { size: 50, totalElements: 1, totalPages: 1, number: 1 },
    });
  });

  it("lists webhooks by id, paged", async () => {
    await post("/api/webhooks", { url: "https://example.org/a", events: ["customer.created"] });
    const res = await get("/api/webhooks", { query: { pageSize: 1, page: 2 } });
    expect(res.json._embedded.webhooks.map((w: { url: string }) => w.url)).toEqual(["https://example.org/a"]);
    expect(res.json.page).toEqual({ size: 1, totalElements: 2, totalPages: 2, number: 2 });
  });
});

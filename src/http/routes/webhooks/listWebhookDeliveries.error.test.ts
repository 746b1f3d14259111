import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Webhook Deliveries errors", () => {
  it("404 for an unknown webhook", async () => {
    const res = await get("/api/webhooks/999/deliveries");
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "webhookId", rejectedValue: 999 });
  });

  it("a page that is not a number means page 1, as FreeScout's module reads it", async () => {
    const res = await get("/api/webhooks/1/deliveries", { query: { page: "first" } });
    expect(res.status).toBe(200);
    expect(res.json.page.number).toBe(1);
  });
});

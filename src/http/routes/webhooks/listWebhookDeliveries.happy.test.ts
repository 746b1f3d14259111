import { env } from "cloudflare:test";
import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

/** Log entries as the queue consumer writes them: (delivery id, attempt, status, error, dead-lettered, time). */
async function logDeliveries(
  webhookId: number,
  rows: [string, number, number | null, string | null, number, number][],
) {
  for (const [deliveryId, attempt, statusCode, error, deadLettered, createdAt] of rows) {
    await env.DB.prepare(
      `INSERT INTO webhook_deliveries (webhook_id, delivery_id, event, attempt, status_code, duration_ms, error,
        dead_lettered, created_at) VALUES (?, ?, 'convo.restored', ?, ?, 12, ?, ?, ?)`,
    )
      .bind(webhookId, deliveryId, attempt, statusCode, error, deadLettered, createdAt)
      .run();
  }
}

describe("List Webhook Deliveries", () => {
  it("lists one webhook's attempts, newest first", async () => {
    await logDeliveries(1, [
      ["d-1", 1, 500, "Receiver answered 500", 0, 1_700_000_000],
      ["d-1", 2, 200, null, 0, 1_700_000_030],
      ["d-2", 10, null, "Timed out after 10000 ms", 1, 1_700_000_060],
    ]);
    await logDeliveries(2, [["other", 1, 200, null, 0, 1_700_000_090]]);
    const res = await get("/api/webhooks/1/deliveries");
    expect(res.status).toBe(200);
    expect(res.json._embedded.deliveries).toEqual([
      {
        id: expect.any(Number),
        deliveryId: "d-2",
        event: "convo.restored",
        attempt: 10,
        statusCode: null,
        durationMs: 12,
        error: "Timed out after 10000 ms",
        deadLettered: true,
        createdAt: "2023-11-14T22:14:20Z",
      },
      expect.objectContaining({ deliveryId: "d-1", attempt: 2, statusCode: 200, error: null, deadLettered: false }),
      expect.objectContaining({ deliveryId: "d-1", attempt: 1, statusCode: 500, error: "Receiver answered 500" }),
    ]);
    expect(res.json.page).toEqual({ size: 50, totalElements: 3, totalPages: 1, number: 1 });
  });

  it("is empty for a webhook with no deliveries yet, and pages", async () => {
    expect((await get("/api/webhooks/1/deliveries")).json.page.totalElements).toBe(0);
    await logDeliveries(1, [
      ["a", 1, 200, null, 0, 1_700_000_000],
      ["b", 1, 200, null, 0, 1_700_000_010],
      ["c", 1, 200, null, 0, 1_700_000_020],
    ]);
    const res = await get("/api/webhooks/1/deliveries", { query: { pageSize: 2, page: 2 } });
    expect(res.json._embedded.deliveries.map((d: { deliveryId: string }) => d.deliveryId)).toEqual(["a"]);
    expect(res.json.page).toEqual({ size: 2, totalElements: 3, totalPages: 2, number: 2 });
  });
});

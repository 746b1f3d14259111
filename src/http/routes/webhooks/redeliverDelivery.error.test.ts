import { errorsOf, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Redeliver Webhook Delivery errors", () => {
  it("404 for an unknown webhook, and for a delivery the log does not have", async () => {
    expect((await post("/api/webhooks/999/deliveries/abc/redeliver", undefined)).status).toBe(404);
    const webhook = (await post("/api/webhooks", { url: "https://hooks.example.com/r", events: ["convo.created"] }))
      .json;
    const res = await post(`/api/webhooks/${webhook.id}/deliveries/no-such-delivery/redeliver`, undefined);
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "deliveryId", rejectedValue: "no-such-delivery" });
  });
});

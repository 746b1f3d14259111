import { post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { deliveryLog, standardSignatureOf, stubReceiver } from "@test/webhooks/receiver";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

beforeEach(resetToDemoData);
afterEach(() => vi.restoreAllMocks());

describe("Redeliver Webhook Delivery", () => {
  it("sends a logged delivery again through the queue: same body, same delivery id, signed again", async () => {
    const received = stubReceiver();
    const webhook = (await post("/api/webhooks", { url: "https://hooks.example.com/r", events: ["convo.created"] }))
      .json;
    const { deliveryId } = (await post(`/api/webhooks/${webhook.id}/ping`, undefined)).json;
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000, interval: 100 });
    const res = await post(`/api/webhooks/${webhook.id}/deliveries/${deliveryId}/redeliver`, undefined);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ deliveryId });
    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 10_000, interval: 100 });
    const [first, again] = received;
    expect(again!.body).toBe(first!.body);
    expect(again!.headers.get("webhook-id")).toBe(deliveryId);
    expect(again!.headers.get("webhook-signature")).toBe(standardSignatureOf(webhook.secret, again!));
    await vi.waitFor(async () => expect(await deliveryLog(webhook.id)).toHaveLength(2));
  });
});

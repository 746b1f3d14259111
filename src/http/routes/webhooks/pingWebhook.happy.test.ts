import { post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { deliveryLog, freescoutSignatureOf, standardSignatureOf, stubReceiver } from "@test/webhooks/receiver";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

beforeEach(resetToDemoData);
afterEach(() => vi.restoreAllMocks());

describe("Ping Webhook", () => {
  it("sends a signed webhook.ping through the queue, whatever the webhook subscribes to, and logs it", async () => {
    const received = stubReceiver();
    const created = await post("/api/webhooks", { url: "https://hooks.example.com/ping", events: ["convo.created"] });
    const res = await post(`/api/webhooks/${created.json.id}/ping`, undefined);
    expect(res.status).toBe(202);
    const { deliveryId } = res.json;
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000, interval: 100 });
    const ping = received[0]!;
    expect(ping.headers.get("x-freescout-event")).toBe("webhook.ping");
    expect(ping.headers.get("webhook-id")).toBe(deliveryId);
    expect(JSON.parse(ping.body)).toMatchObject({ event: "webhook.ping", webhookId: created.json.id, deliveryId });
    expect(ping.headers.get("webhook-signature")).toBe(standardSignatureOf(created.json.secret, ping));
    expect(ping.headers.get("x-freescout-signature")).toBe(freescoutSignatureOf(ping));
    await vi.waitFor(async () =>
      expect(await deliveryLog(created.json.id)).toMatchObject([
        { delivery_id: deliveryId, event: "webhook.ping", attempt: 1, status_code: 200, dead_lettered: 0 },
      ]),
    );
  });

  it("pings a disabled webhook too (to try it before enabling it again)", async () => {
    const received = stubReceiver();
    const created = await post("/api/webhooks", { url: "https://hooks.example.com/off", events: ["convo.created"] });
    await put(`/api/webhooks/${created.json.id}`, { enabled: false });
    expect((await post(`/api/webhooks/${created.json.id}/ping`, undefined)).status).toBe(202);
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000, interval: 100 });
  });
});

import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Webhook", () => {
  it("creates the document's example: 201 with Resource-ID, Location and the webhook", async () => {
    const res = await post("/api/webhooks", { url: "https://example.org/freescout", events: ["convo.created"] });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ url: "https://example.org/freescout", events: ["convo.created"] });
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    expect(res.headers.get("Location")).toBe(`http://localhost:8787/api/webhooks/${res.json.id}`);
  });

  it("accepts every event, including convo.restored and convo.deleted_forever", async () => {
    const events = [
      "convo.assigned",
      "convo.created",
      "convo.deleted",
      "convo.deleted_forever",
      "convo.restored",
      "convo.moved",
      "convo.status",
      "convo.customer.reply.created",
      "convo.agent.reply.created",
      "convo.note.created",
      "customer.created",
      "customer.updated",
    ];
    expect((await post("/api/webhooks", { url: "https://example.org/all", events })).json.events).toEqual(events);
  });

  it("takes events as a comma-separated string and drops unknown ones (as FreeScout's module)", async () => {
    const res = await post("/api/webhooks", {
      url: "https://example.org/csv",
      events: "convo.created, convo.exploded,customer.created",
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      events: ["convo.created", "customer.created"],
      lastRunTime: null,
      lastRunError: "",
    });
    const listed = await post("/api/webhooks", { url: "https://example.org/list", events: ["nope", "convo.assigned"] });
    expect(listed.json.events).toEqual(["convo.assigned"]);
  });

  it("subscribes each event once, and lists the webhook as it was created", async () => {
    const res = await post("/api/webhooks", {
      url: "https://example.org/hook",
      events: ["customer.created", "convo.created", "customer.created"],
    });
    expect(res.json.events).toEqual(["customer.created", "convo.created"]);
    // As created, without the secret: it is shown only in the answer to Create Webhook.
    const { secret, ...shown } = res.json;
    expect(secret).toMatch(/^whsec_/);
    expect((await get("/api/webhooks")).json._embedded.webhooks.at(-1)).toEqual(shown);
  });
});

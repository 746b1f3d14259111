import { del, errorsOf, get, post } from "@test/support/api";
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

  it.each([
    ["an unknown event", { events: ["convo.created", "convo.exploded"] }, "events[1]"],
    ["no events", { events: [] }, "events"],
    ["no url", { url: undefined }, "url"],
    ["a loopback url", { url: "http://127.0.0.1:8080/hook" }, "url"],
    ["a private url", { url: "http://192.168.1.10/hook" }, "url"],
    ["a link-local url", { url: "http://169.254.169.254/latest" }, "url"],
    ["an IPv6 loopback url", { url: "http://[::1]/hook" }, "url"],
    ["credentials in the url", { url: "https://user:secret@example.org/hook" }, "url"],
    ["another scheme", { url: "ftp://example.org/hook" }, "url"],
  ])("400 for %s", async (_name, patch, path) => {
    const res = await post("/api/webhooks", { url: "https://example.org/hook", events: ["convo.created"], ...patch });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]!.path).toBe(path);
  });
});

describe("Delete, list and deliveries", () => {
  it("deletes the document's example webhook 1, then 404", async () => {
    expect((await del("/api/webhooks/1")).status).toBe(204);
    expect((await del("/api/webhooks/1")).status).toBe(404);
    expect((await get("/api/webhooks/1/deliveries")).status).toBe(404);
  });

  it("lists webhooks by id, paged", async () => {
    await post("/api/webhooks", { url: "https://example.org/a", events: ["customer.created"] });
    const res = await get("/api/webhooks", { query: { pageSize: 1, page: 2 } });
    expect(res.json._embedded.webhooks.map((w: { url: string }) => w.url)).toEqual(["https://example.org/a"]);
    expect(res.json.page).toEqual({ size: 1, totalElements: 2, totalPages: 2, number: 2 });
  });

  it("401 without a key", async () => {
    expect((await get("/api/webhooks", { key: null })).status).toBe(401);
    expect(
      (await post("/api/webhooks", { url: "https://example.org/a", events: ["convo.created"] }, { key: null })).status,
    ).toBe(401);
  });
});

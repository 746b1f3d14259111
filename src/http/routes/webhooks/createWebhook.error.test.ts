import { errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Webhook errors", () => {
  it.each([
    ["only unknown events", { events: ["convo.exploded"] }, "events"],
    ["only unknown events in a string", { events: "convo.exploded, nothing" }, "events"],
    ["no events", { events: [] }, "events"],
    ["an empty events string", { events: " , " }, "events"],
    ["no url", { url: undefined }, "url"],
    ["a url over 2048 characters", { url: `https://example.org/${"x".repeat(2040)}` }, "url"],
    ["a url that is not a URL", { url: "example.org hook" }, "url"],
  ])("400 for %s, and nothing is created", async (_name, patch, path) => {
    const res = await post("/api/webhooks", { url: "https://example.org/hook", events: ["convo.created"], ...patch });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]!.path).toBe(path);
    expect((await get("/api/webhooks")).json.page.totalElements).toBe(1);
  });
});

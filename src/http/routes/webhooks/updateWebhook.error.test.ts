import { errorsOf, get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Update Webhook errors", () => {
  it("404 for an unknown webhook", async () => {
    const res = await put("/api/webhooks/999", { enabled: true });
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "webhookId" });
  });

  it.each([
    [{ url: "http://10.0.0.1/hook" }, "url", /URL refused/],
    [{ url: "ftp://hooks.example.com/" }, "url", /URL refused/],
    [{ mailboxes: [1, 777] }, "mailboxes", /No mailbox with id 777/],
    [{ events: ["no.such.event"] }, "events", /No known event/],
    [{ enabled: "sometimes" }, "enabled", /./],
  ])("400 for %j, and nothing changes", async (body, path, message) => {
    const webhook = (await post("/api/webhooks", { url: "https://hooks.example.com/a", events: ["convo.created"] }))
      .json;
    const res = await put(`/api/webhooks/${webhook.id}`, body);
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
    const after = (await get("/api/webhooks")).json._embedded.webhooks.find((w: { id: number }) => w.id === webhook.id);
    expect(after).toMatchObject({
      url: "https://hooks.example.com/a",
      events: ["convo.created"],
      mailboxes: [],
      enabled: true,
    });
  });
});

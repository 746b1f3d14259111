import { errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Webhook security", () => {
  it.each([
    ["a loopback url", "http://127.0.0.1:8080/hook"],
    ["a private url", "http://192.168.1.10/hook"],
    ["a link-local url", "http://169.254.169.254/latest"],
    ["an IPv6 loopback url", "http://[::1]/hook"],
    ["credentials in the url", "https://user:secret@example.org/hook"],
    ["another scheme", "ftp://example.org/hook"],
  ])("refuses %s with a 400 on url, and creates nothing", async (_name, url) => {
    const res = await post("/api/webhooks", { url, events: ["convo.created"] });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]).toMatchObject({ path: "url", rejectedValue: url });
    expect(errorsOf(res)[0]!.message).toMatch(/^URL refused: /);
    expect((await get("/api/webhooks")).json.page.totalElements).toBe(1);
  });

  it("401 without a key", async () => {
    expect((await get("/api/webhooks", { key: null })).status).toBe(401);
    expect(
      (await post("/api/webhooks", { url: "https://example.org/a", events: ["convo.created"] }, { key: null })).status,
    ).toBe(401);
  });
});

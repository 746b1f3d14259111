import { del, errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Delete Webhook errors", () => {
  it("404 for an unknown webhook, and the others stay", async () => {
    const res = await del("/api/webhooks/999");
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "webhookId", rejectedValue: 999 });
    expect((await get("/api/webhooks")).json.page.totalElements).toBe(1);
  });

  it("404 for an id that is not a positive integer", async () => {
    expect((await del("/api/webhooks/abc")).status).toBe(404);
    expect((await del("/api/webhooks/0")).status).toBe(404);
  });
});

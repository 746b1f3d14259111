import { errorsOf, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Ping Webhook errors", () => {
  it("404 for an unknown webhook", async () => {
    const res = await post("/api/webhooks/999/ping", undefined);
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "webhookId", rejectedValue: 999 });
  });
});

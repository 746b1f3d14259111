import { del, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Delete Webhook", () => {
  it("deletes the document's example webhook 1, then 404", async () => {
    expect((await del("/api/webhooks/1")).status).toBe(204);
    expect((await del("/api/webhooks/1")).status).toBe(404);
    expect((await get("/api/webhooks/1/deliveries")).status).toBe(404);
    expect((await get("/api/webhooks")).json.page.totalElements).toBe(0);
  });
});

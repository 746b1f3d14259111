import { del, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";
import { forgetVerifiedKeys } from "../../middleware/auth";

beforeEach(resetToDemoData);

describe("Revoke API Key", () => {
  it("stops the key; revoking again keeps the first time", async () => {
    const created = (await post("/api/api-keys", { name: "temp" })).json;
    expect((await get("/api/ping", { key: created.key })).status).toBe(200);
    expect((await del(`/api/api-keys/${created.id}`)).status).toBe(204);
    forgetVerifiedKeys(); // isolates remember a verified key for a minute
    expect((await get("/api/ping", { key: created.key })).status).toBe(401);
    const first = (await get("/api/api-keys")).json._embedded.apiKeys.find((k: { id: number }) => k.id === created.id);
    expect((await del(`/api/api-keys/${created.id}`)).status).toBe(204);
    const second = (await get("/api/api-keys")).json._embedded.apiKeys.find((k: { id: number }) => k.id === created.id);
    expect(second.revokedAt).toBe(first.revokedAt);
  });

  it("404 for an unknown key", async () => {
    expect((await del("/api/api-keys/999")).status).toBe(404);
  });
});

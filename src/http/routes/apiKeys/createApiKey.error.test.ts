import { errorsOf, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create API Key errors", () => {
  it("409 for a name in use, 400 for an unknown mailbox or scope", async () => {
    expect((await post("/api/api-keys", { name: "twice" })).status).toBe(201);
    const again = await post("/api/api-keys", { name: "twice" });
    expect(again.status).toBe(409);
    expect(errorsOf(again)[0]).toMatchObject({ path: "name" });
    const mailbox = await post("/api/api-keys", { name: "m", mailboxes: [1, 404] });
    expect(mailbox.status).toBe(400);
    expect(errorsOf(mailbox)[0]).toMatchObject({ path: "mailboxes", message: "No mailbox with id 404" });
    expect((await post("/api/api-keys", { name: "s", scope: "admin" })).status).toBe(400);
    expect((await post("/api/api-keys", { name: " " })).status).toBe(400);
  });
});

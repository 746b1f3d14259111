import { env } from "cloudflare:test";
import { get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const mailbox2 = async () => (await get("/api/mailboxes?userId=33")).json._embedded.mailboxes[1];

describe("Update Mailbox", () => {
  it("renames a mailbox and keeps its email", async () => {
    const before = await mailbox2();
    expect((await put("/api/mailboxes/2", { name: "Sales EU" })).status).toBe(204);
    expect((await get("/api/mailboxes?userId=33")).json._embedded.mailboxes[1].name).toBe("Sales EU");
    expect((await mailbox2()).email).toBe(before.email);
  });

  it("changes the email, stored in lower case, and the update time", async () => {
    await env.DB.prepare("UPDATE mailboxes SET updated_at = 0 WHERE id = 2").run();
    expect((await put("/api/mailboxes/2", { email: "Sales@Example.org" })).status).toBe(204);
    const updated = await mailbox2();
    expect(updated.email).toBe("sales@example.org");
    expect(updated.updatedAt).not.toBe("1970-01-01T00:00:00Z");
  });

  it("replaces the aliases and sets the mail settings; null clears a setting", async () => {
    const body = { aliases: ["deals@support.example.org"], fromName: "Sales", signature: "<b>Sales</b>" };
    expect((await put("/api/mailboxes/2", body)).status).toBe(204);
    expect((await put("/api/mailboxes/2", { aliases: ["offers@support.example.org"], fromName: null })).status).toBe(
      204,
    );
    const { results } = await env.DB.prepare(
      "SELECT address FROM mailbox_aliases WHERE mailbox_id = 2 ORDER BY address",
    ).all();
    expect(results).toEqual([{ address: "offers@support.example.org" }]);
    const row = await env.DB.prepare("SELECT aliases, from_name, signature FROM mailboxes WHERE id = 2").first();
    expect(row).toEqual({ aliases: '["offers@support.example.org"]', from_name: null, signature: "<b>Sales</b>" });
  });
});

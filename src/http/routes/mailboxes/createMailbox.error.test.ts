import { env } from "cloudflare:test";
import { errorsOf, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Mailbox errors", () => {
  it("409 for a mailbox email in use, and nothing is created", async () => {
    const res = await post("/api/mailboxes", { name: "Dup", email: "support@support.example.org" });
    expect(res.status).toBe(409);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM folders WHERE mailbox_id NOT IN (1, 2)").first<{
      n: number;
    }>();
    expect(count?.n).toBe(0);
  });

  it("409 whatever the case of the email in use", async () => {
    const res = await post("/api/mailboxes", { name: "Dup", email: "Support@Support.Example.org" });
    expect(res.status).toBe(409);
    expect(errorsOf(res)[0]).toMatchObject({ path: "email" });
  });

  it.each([
    ["no name", { name: undefined }, "name"],
    ["a blank name", { name: "   " }, "name"],
    ["a name over 40 characters", { name: "x".repeat(41) }, "name"],
    ["no email", { email: undefined }, "email"],
    ["an invalid email", { email: "billing" }, "email"],
  ])("400 for %s", async (_name, patch, path) => {
    const res = await post("/api/mailboxes", { name: "Billing", email: "billing@example.org", ...patch });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toEqual([path]);
  });
});

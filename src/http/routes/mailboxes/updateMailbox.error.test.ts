import { errorsOf, get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Update Mailbox errors", () => {
  it("409 on an email another mailbox has, and the mailbox is unchanged", async () => {
    const res = await put("/api/mailboxes/2", { email: "support@support.example.org" });
    expect(res.status).toBe(409);
    expect(errorsOf(res)[0]).toMatchObject({ path: "email" });
    expect((await get("/api/mailboxes")).json._embedded.mailboxes[1].email).not.toBe("support@support.example.org");
  });

  it("404 for an unknown mailbox", async () => {
    const res = await put("/api/mailboxes/99", { name: "x" });
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "mailboxId", rejectedValue: 99 });
  });

  it.each([
    ["a blank name", { name: " " }, "name"],
    ["an invalid email", { email: "not-an-email" }, "email"],
  ])("400 for %s", async (_name, body, path) => {
    const res = await put("/api/mailboxes/2", body);
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toEqual([path]);
  });

  it("409 when an alias is another mailbox's address or alias, and nothing changes", async () => {
    for (const [alias, path] of [
      ["support@support.example.org", "aliases[0]"],
      ["Help@support.example.org", "aliases[0]"],
    ] as const) {
      const res = await put("/api/mailboxes/2", { name: "Changed", aliases: [alias] });
      expect(res.status).toBe(409);
      expect(errorsOf(res)[0]).toMatchObject({ path });
    }
    const res = await put("/api/mailboxes/2", { email: "help@support.example.org" });
    expect(res.status).toBe(409);
    expect(errorsOf(res)[0]).toMatchObject({ path: "email" });
    expect((await get("/api/mailboxes")).json._embedded.mailboxes[1].name).toBe("Sales");
  });

  it("400 for an alias that is no address, or too many aliases", async () => {
    const bad = await put("/api/mailboxes/2", { aliases: ["x"] });
    expect(bad.status).toBe(400);
    expect(errorsOf(bad)[0]!.path).toBe("aliases[0]");
    const many = await put("/api/mailboxes/2", { aliases: Array.from({ length: 21 }, (_, i) => `a${i}@example.org`) });
    expect(many.status).toBe(400);
  });
});

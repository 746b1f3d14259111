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
});

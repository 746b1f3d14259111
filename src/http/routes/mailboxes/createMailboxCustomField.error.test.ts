import { errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Mailbox Custom Field errors", () => {
  it("a dropdown needs options; other types take none; the type is one of five", async () => {
    const noOptions = await post("/api/mailboxes/2/custom_fields", { name: "Bad", type: "dropdown" });
    expect(errorsOf(noOptions)).toEqual([expect.objectContaining({ path: "options" })]);
    const optionsOnText = await post("/api/mailboxes/2/custom_fields", {
      name: "Bad",
      type: "singleline",
      options: ["a"],
    });
    expect(optionsOnText.status).toBe(400);
    const badType = await post("/api/mailboxes/2/custom_fields", { name: "Bad", type: "checkbox" });
    expect(errorsOf(badType)[0]?.message).toContain("must be one of: ");
    expect((await get("/api/mailboxes/2/custom_fields")).json.page.totalElements).toBe(0);
  });

  it("404 for an unknown mailbox", async () => {
    const res = await post("/api/mailboxes/99/custom_fields", { name: "X", type: "date" });
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "mailboxId", rejectedValue: 99 });
  });

  it.each([
    ["a blank name", { name: " ", type: "date" }, "name"],
    ["a negative sortOrder", { name: "X", type: "date", sortOrder: -1 }, "sortOrder"],
    ["an option id that is not a positive integer", { name: "X", type: "dropdown", options: { a: "A" } }, "options"],
  ])("400 for %s", async (_name, body, path) => {
    const res = await post("/api/mailboxes/2/custom_fields", body);
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]?.path).toContain(path);
  });
});

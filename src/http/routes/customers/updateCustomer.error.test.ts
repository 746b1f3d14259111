import { errorsOf, get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const before = async () => (await get("/api/customers/1")).json;

describe("Update Customer errors", () => {
  it.each([
    ["firstName over 40", { firstName: "x".repeat(41) }, "firstName"],
    ["lastName over 40", { lastName: "x".repeat(41) }, "lastName"],
    ["photoUrl over 200", { photoUrl: `https://example.org/${"x".repeat(181)}` }, "photoUrl"],
    ["jobTitle over 60", { jobTitle: "x".repeat(61) }, "jobTitle"],
    ["company over 60", { company: "x".repeat(61) }, "company"],
    ["an invalid email in emails", { emails: ["ok@example.org", "nope"] }, "emails[1]"],
    ["an invalid email in emails_add", { emails_add: ["nope@"] }, "emails_add[0]"],
    ["phones not a list", { phones: "777" }, "phones"],
    ["a website without value", { websites: [{ value: "" }] }, "websites[0]"],
  ])("400 for %s, and nothing changes", async (_name, patch, path) => {
    const original = await before();
    const res = await put("/api/customers/1", { firstName: "Changed", ...patch });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toContain(path);
    expect(await before()).toEqual(original);
  });

  it("404 for an unknown customer", async () => {
    const res = await put("/api/customers/999", { firstName: "x" });
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "customerId", rejectedValue: 999 });
    expect((await put("/api/customers/abc", { firstName: "x" })).status).toBe(404);
  });

  it("400 for a body that is not a JSON object", async () => {
    expect((await put("/api/customers/1", "nope")).status).toBe(400);
    expect((await put("/api/customers/1", ["a"])).status).toBe(400);
  });
});

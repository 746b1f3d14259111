import { call, errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { createCustomerExample } from "@test/support/examples";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const customerCount = async () => (await get("/api/customers")).json.page.totalElements;

describe("Create Customer errors", () => {
  it.each([
    ["firstName over 40", { firstName: "x".repeat(41) }, "firstName"],
    ["lastName over 40", { lastName: "x".repeat(41) }, "lastName"],
    ["photoUrl over 200", { photoUrl: `https://example.org/${"x".repeat(181)}` }, "photoUrl"],
    ["photoUrl not a URL", { photoUrl: "customer.jpg" }, "photoUrl"],
    ["jobTitle over 60", { jobTitle: "x".repeat(61) }, "jobTitle"],
    ["company over 60", { company: "x".repeat(61) }, "company"],
    ["address not an object", { address: "1419 Westwood Blvd" }, "address"],
    ["an invalid email", { emails: [{ value: "not-an-email" }] }, "emails[0].value"],
    ["an email without value", { emails: [{ type: "home" }] }, "emails[0]"],
    ["emails not a list", { emails: "mark@example.org" }, "emails"],
    ["a phone without value", { phones: [{ type: "home" }] }, "phones[0].value"],
    ["a phone over 60", { phones: [{ value: "1".repeat(61) }] }, "phones[0].value"],
    ["a website without value", { websites: [{}] }, "websites[0]"],
    ["a social profile over 255", { socialProfiles: [{ value: "x".repeat(256) }] }, "socialProfiles[0].value"],
    ["firstName not text", { firstName: ["Ann"] }, "firstName"],
  ])("400 for %s, and nothing is created", async (_name, patch, path) => {
    const before = await customerCount();
    const res = await post("/api/customers", { ...createCustomerExample, ...patch });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toContain(path);
    expect(await customerCount()).toBe(before);
  });

  it("names every bad field at once", async () => {
    const res = await post("/api/customers", {
      firstName: "x".repeat(41),
      company: "x".repeat(61),
      lastName: "x".repeat(41),
    });
    expect(
      errorsOf(res)
        .map((e) => e.path)
        .sort(),
    ).toEqual(["company", "firstName", "lastName"]);
    expect(errorsOf(res).every((e) => e.source === "JSON")).toBe(true);
  });

  it("400 for a body that is not JSON or not an object", async () => {
    expect((await post("/api/customers", "{not json")).status).toBe(400);
    expect((await post("/api/customers", [createCustomerExample])).status).toBe(400);
  });

  it("409 naming the emails when they belong to different customers; nothing moves", async () => {
    const res = await post("/api/customers", {
      firstName: "X",
      emails: [{ value: "rodney@example.org" }, { value: "ANN@example.org" }],
    });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ message: "Conflict", errorCode: "CONFLICT" });
    expect(errorsOf(res)).toEqual([
      {
        path: "emails",
        message: "Customers with such email(s) already exist",
        rejectedValue: ["rodney@example.org", "ann@example.org"],
        source: "JSON",
      },
    ]);
    expect((await get("/api/customers/1")).json._embedded.emails).toHaveLength(1);
    expect((await get("/api/customers/7")).json._embedded.emails).toHaveLength(1);
    expect(await customerCount()).toBe(2);
  });

  it("415 for a body that is neither JSON nor a form by its content type", async () => {
    const res = await call("POST", "/api/customers", {
      body: "firstName=Mark",
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    errorsOf(res);
  });
});

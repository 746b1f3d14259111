import { beforeEach, describe, expect, it } from "vitest";
import { errorsOf, get, post, put } from "../../../test/support/api";
import { resetToDemoData } from "../../../test/support/db";
import { createCustomerExample } from "../../../test/support/examples";

beforeEach(resetToDemoData);

const customerCount = async () => (await get("/api/customers")).json.page.totalElements;

describe("Create Customer errors", () => {
  it.each([
    ["firstName over 40", { firstName: "x".repeat(41) }, "firstName"],
    ["lastName over 40", { lastName: "x".repeat(41) }, "lastName"],
    ["photoUrl over 200", { photoUrl: `https://example.org/${"x".repeat(190)}` }, "photoUrl"],
    ["photoUrl not http(s)", { photoUrl: "javascript:alert(1)" }, "photoUrl"],
    ["jobTitle over 60", { jobTitle: "x".repeat(61) }, "jobTitle"],
    ["company over 60", { company: "x".repeat(61) }, "company"],
    ["unknown photoType", { photoType: "selfie" }, "photoType"],
    ["a country that is no two-letter code", { address: { country: "USA" } }, "address.country"],
    ["an invalid email", { emails: [{ value: "not-an-email" }] }, "emails[0].value"],
    ["emails not a list", { emails: "mark@example.org" }, "emails"],
    ["a website without value", { websites: [{}] }, "websites[0].value"],
  ])("400 for %s, and nothing is created", async (_name, patch, path) => {
    const before = await customerCount();
    const res = await post("/api/customers", { ...createCustomerExample, ...patch });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toContain(path);
    expect(await customerCount()).toBe(before);
  });

  it("accepts every limit exactly", async () => {
    const res = await post("/api/customers", {
      firstName: "x".repeat(40), lastName: "y".repeat(40), jobTitle: "j".repeat(60), company: "c".repeat(60),
      photoUrl: `https://example.org/${"p".repeat(200 - 20)}`, address: { country: "de" },
    });
    expect(res.status).toBe(201);
    expect(res.json._embedded.address.country).toBe("DE");
  });

  it("409 naming the emails when they belong to different customers; nothing moves", async () => {
    const res = await post("/api/customers", { firstName: "X", emails: [{ value: "rodney@example.org" }, { value: "ann@example.org" }] });
    expect(res.status).toBe(409);
    expect(errorsOf(res).map((e) => [e.path, e.rejectedValue])).toEqual([
      ["emails[0].value", "rodney@example.org"],
      ["emails[1].value", "ann@example.org"],
    ]);
    expect((await get("/api/customers/1")).json._embedded.emails).toHaveLength(1);
  });

  it("409 when some emails belong to a customer and others are new", async () => {
    const res = await post("/api/customers", { emails: [{ value: "rodney@example.org" }, { value: "fresh@example.org" }] });
    expect(res.status).toBe(409);
    expect(errorsOf(res).map((e) => e.path)).toEqual(["emails[0].value"]);
    expect((await get("/api/customers", { query: { email: "fresh@example.org" } })).json.page.totalElements).toBe(0);
  });
});

describe("Update Customer errors", () => {
  it("409 when an email belongs to another customer, and nothing changes", async () => {
    const res = await put("/api/customers/1", { firstName: "Changed", emails_add: ["ANN@example.org"] });
    expect(res.status).toBe(409);
    expect(errorsOf(res)[0]).toMatchObject({ path: "emails_add[0]", rejectedValue: "ann@example.org" });
    expect((await get("/api/customers/1")).json.firstName).toBe("Rodney");
    expect((await get("/api/customers/7")).json._embedded.emails).toHaveLength(1);
  });

  it("400 for a bad field and 404 for an unknown customer", async () => {
    expect(errorsOf(await put("/api/customers/1", { photoType: "x" }))[0]!.path).toBe("photoType");
    expect((await put("/api/customers/999", { firstName: "x" })).status).toBe(404);
    expect((await get("/api/customers/999")).status).toBe(404);
    expect((await get("/api/customers/abc")).status).toBe(404);
  });
});

describe("Update Customer Fields errors", () => {
  it("400 naming each bad entry; 404 for an unknown customer", async () => {
    const res = await put("/api/customers/1/customer_fields", { customerFields: [{ id: 2, value: "Male" }, { id: 11, value: "old" }, { id: 99, value: "x" }] });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toEqual(["customerFields[0].value", "customerFields[1].value", "customerFields[2].id"]);
    expect((await put("/api/customers/999/customer_fields", { customerFields: [] })).status).toBe(404);
  });
});

describe("Customers security", () => {
  it.each([
    ["GET", "/api/customers"],
    ["GET", "/api/customers/1"],
    ["POST", "/api/customers"],
    ["PUT", "/api/customers/1"],
    ["PUT", "/api/customers/1/customer_fields"],
  ])("%s %s is 401 without a key", async (method, path) => {
    const { call } = await import("../../../test/support/api");
    expect((await call(method, path, { key: null, body: method === "GET" ? undefined : {} })).status).toBe(401);
  });

  it("filters treat SQL and LIKE metacharacters as text", async () => {
    for (const value of ["' OR 1=1 --", "%", "_", "\" OR \"\"=\""]) {
      for (const field of ["firstName", "lastName", "phone", "email"]) {
        const res = await get("/api/customers", { query: { [field]: value } });
        expect(res.status).toBe(200);
        expect(res.json.page.totalElements).toBe(0);
      }
    }
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { get, post, put } from "../../../test/support/api";
import { resetToDemoData } from "../../../test/support/db";
import { createCustomerExample, updateCustomerExample } from "../../../test/support/examples";

beforeEach(resetToDemoData);

const emailsOf = async (id: number) =>
  (await get(`/api/customers/${id}`)).json._embedded.emails.map((e: { value: string }) => e.value);

describe("Create Customer", () => {
  it("creates the document's example: 201, Resource-ID, Location and the customer", async () => {
    const res = await post("/api/customers", createCustomerExample);
    expect(res.status).toBe(201);
    const id = Number(res.headers.get("Resource-ID"));
    expect(res.headers.get("Location")).toBe(`http://localhost:8787/api/customers/${id}`);
    expect(res.json).toMatchObject({
      id,
      firstName: "Mark",
      lastName: "Morrison",
      company: "Example, Inc",
      jobTitle: "Secretary",
      photoType: "unknown",
      photoUrl: "https://example.org/upload/customer.jpg",
      notes: "Nothing special to say",
      customerFields: [],
      _embedded: {
        emails: [{ value: "mark@example.org", type: "home" }],
        phones: [{ value: "777-777-777", type: "home" }],
        social_profiles: [{ id: 1, value: "@markexample", type: "twitter" }],
        websites: [{ id: 1, value: "https://example.org" }],
        address: { city: "LA", state: "California", zip: "123123", country: "US", address: "1419 Westwood Blvd" },
      },
    });
    expect(res.json._embedded.emails[0].id).toEqual(expect.any(Number));
  });

  it("is create-or-get: the same emails (any case) answer 200 with that customer, its empty fields filled", async () => {
    const first = await post("/api/customers", { firstName: "Mark", emails: [{ value: "mark@example.org" }] });
    const again = await post("/api/customers", { ...createCustomerExample, firstName: "Other", emails: [{ value: "MARK@example.org" }] });
    expect(again.status).toBe(200);
    expect(again.headers.get("Resource-ID")).toBe(String(first.json.id));
    expect(again.json).toMatchObject({ id: first.json.id, firstName: "Mark", lastName: "Morrison", company: "Example, Inc" });
  });

  it("parallel creates with one new email yield one customer", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => post("/api/customers", { firstName: `P${i}`, emails: [{ value: "race@example.org" }] })),
    );
    const ids = new Set(results.map((r) => r.json.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(7);
    expect((await get("/api/customers", { query: { email: "race@example.org" } })).json.page.totalElements).toBe(1);
  });

  it("a customer without emails is always new; top-level phone is added to the phones", async () => {
    const a = await post("/api/customers", { firstName: "Pat", phone: "555-1" });
    const b = await post("/api/customers", { firstName: "Pat", phone: "555-1" });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json._embedded.phones).toMatchObject([{ value: "555-1", type: "work" }]);
  });
});

describe("Get Customer", () => {
  it("shows the demo customer with field values (dropdown text), emails, phones, profiles and address", async () => {
    const res = await get("/api/customers/1");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: 1,
      firstName: "Rodney",
      customerFields: [
        { id: 2, name: "Gender", value: "1", text: "Male" },
        { id: 11, name: "Age", value: "25", text: "" },
      ],
      _embedded: {
        emails: [{ id: 1, value: "rodney@example.org", type: "work" }],
        phones: [{ id: 1, value: "555-0100", type: "work" }],
        social_profiles: [{ id: 1, value: "@rodney", type: "twitter" }],
        address: { city: "Los Angeles", country: "US" },
      },
    });
  });
});

describe("Update Customer", () => {
  it("applies the document's example: emails replace the list and emails_add is ignored", async () => {
    const res = await put("/api/customers/1", updateCustomerExample);
    expect(res.status).toBe(204);
    expect(await emailsOf(1)).toEqual(["mark@example.org", "admin@example.org"]);
    const customer = (await get("/api/customers/1")).json;
    expect(customer).toMatchObject({ firstName: "Mark", lastName: "Morrison", jobTitle: "Secretary" });
    expect(customer._embedded.phones.map((p: { value: string }) => p.value)).toEqual(["777-777-777"]);
  });

  it("emails_add appends; other fields stay as they were (partial update)", async () => {
    await put("/api/customers/1", { emails_add: ["second@example.org"] });
    expect(await emailsOf(1)).toEqual(["rodney@example.org", "second@example.org"]);
    expect((await get("/api/customers/1")).json).toMatchObject({ firstName: "Rodney", company: "Robertson Ltd" });
  });

  it("keeps conversations' customer email in step, so the customerEmail filter follows", async () => {
    await put("/api/customers/1", { emails: ["new.rodney@example.org"] });
    const list = await get("/api/conversations", { query: { customerEmail: "new.rodney@example.org" } });
    expect(list.json._embedded.conversations.map((c: { id: number }) => c.id)).toEqual([1]);
    expect(list.json._embedded.conversations[0].customer.email).toBe("new.rodney@example.org");
  });
});

describe("Update Customer Fields", () => {
  it("applies the document's example and validates types", async () => {
    expect((await put("/api/customers/1/customer_fields", { customerFields: [{ id: 37, value: "Test value" }] })).status).toBe(204);
    expect((await get("/api/customers/1")).json.customerFields).toContainEqual({ id: 37, name: "Account manager", value: "Test value", text: "" });
    await put("/api/customers/1/customer_fields", { customerFields: [{ id: 2, value: 2 }, { id: 11, value: "" }] });
    const fields = (await get("/api/customers/1")).json.customerFields;
    expect(fields).toContainEqual({ id: 2, name: "Gender", value: "2", text: "Female" });
    expect(fields.find((f: { id: number }) => f.id === 11)).toBeUndefined();
  });
});

describe("List Customers", () => {
  beforeEach(async () => {
    await post("/api/customers", { firstName: "Zoe", lastName: "Adams", emails: [{ value: "zoe@example.org" }], phones: [{ value: "555-9" }] });
  });

  const names = (res: { json: { _embedded: { customers: { firstName: string }[] } } }) =>
    res.json._embedded.customers.map((c) => c.firstName);

  it("lists newest first in the document's shape", async () => {
    const res = await get("/api/customers");
    // The two demo customers were created in the same second: the later id comes first.
    expect(names(res)).toEqual(["Zoe", "Ann", "Rodney"]);
    expect(res.json.page).toEqual({ size: 50, totalElements: 3, totalPages: 1, number: 1 });
    expect(res.json._embedded.customers[1]._embedded.address).toEqual({ city: null, state: null, zip: null, country: null, address: null });
    expect(res.json._embedded.customers[1].customerFields).toBeUndefined();
  });

  it.each([
    [{ firstName: "Zoe" }, ["Zoe"]],
    [{ lastName: "Chen" }, ["Ann"]],
    [{ phone: "555-0100" }, ["Rodney"]],
    [{ email: "ZOE@example.org" }, ["Zoe"]],
    [{ email: "nobody@example.org" }, []],
    [{ updatedSince: "2021-01-01T00:00:00Z" }, ["Zoe"]],
    [{ firstName: "%" }, []],
  ])("filters %o", async (query, expected) => {
    expect(names(await get("/api/customers", { query }))).toEqual(expected);
  });

  it.each([
    ["firstName", "asc", ["Ann", "Rodney", "Zoe"]],
    ["lastName", "desc", ["Rodney", "Ann", "Zoe"]],
    ["createdAt", "asc", ["Rodney", "Ann", "Zoe"]],
    ["updatedAt", "desc", ["Zoe", "Ann", "Rodney"]],
  ])("sorts by %s %s", async (sortField, sortOrder, expected) => {
    expect(names(await get("/api/customers", { query: { sortField, sortOrder } }))).toEqual(expected);
  });
});

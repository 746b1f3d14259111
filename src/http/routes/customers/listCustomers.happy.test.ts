import { get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(async () => {
  await resetToDemoData();
  await post("/api/customers", {
    firstName: "Zoe",
    lastName: "Adams",
    emails: [{ value: "zoe@example.org" }, { value: "z.adams@example.org" }],
    phones: [{ value: "555-9" }],
  });
});

type Listed = { json: { _embedded: { customers: { id: number; firstName: string }[] }; page: unknown } };
const names = (res: Listed) => res.json._embedded.customers.map((c) => c.firstName);

describe("List Customers", () => {
  it("lists newest first in the document's list shape", async () => {
    const res = await get("/api/customers");
    expect(res.status).toBe(200);
    // The two demo customers were created in the same second: the later id comes first.
    expect(names(res)).toEqual(["Zoe", "Ann", "Rodney"]);
    expect(res.json.page).toEqual({ size: 50, totalElements: 3, totalPages: 1, number: 1 });
    expect(res.json._embedded.customers[1]).toEqual({
      id: 7,
      firstName: "Ann",
      lastName: "Chen",
      company: "Chen & Co",
      jobTitle: null,
      photoType: null,
      photoUrl: null,
      createdAt: "2020-07-23T12:34:12Z",
      updatedAt: "2020-07-24T20:18:33Z",
      notes: null,
      customerFields: [],
      _embedded: {
        emails: [{ id: 2, value: "ann@example.org", type: "work" }],
        phones: [],
        social_profiles: [],
        websites: [],
        address: { city: null, state: null, zip: null, country: null, address: null },
      },
    });
  });

  it("shows each customer's own emails, phones, profiles and websites", async () => {
    const [zoe, , rodney] = (await get("/api/customers")).json._embedded.customers;
    expect(zoe._embedded.emails.map((e: { value: string }) => e.value)).toEqual([
      "zoe@example.org",
      "z.adams@example.org",
    ]);
    expect(zoe._embedded.phones).toMatchObject([{ value: "555-9", type: "work" }]);
    expect(rodney._embedded).toMatchObject({
      emails: [{ id: 1, value: "rodney@example.org" }],
      phones: [{ id: 1, value: "555-0100" }],
      social_profiles: [{ id: 1, value: "@rodney", type: "twitter" }],
      websites: [{ id: 1, value: "https://robertson.example.org" }],
    });
  });

  it("pages: size, number and totals; a page past the end is empty", async () => {
    const second = await get("/api/customers", { query: { pageSize: 2, page: 2 } });
    expect(names(second)).toEqual(["Rodney"]);
    expect(second.json.page).toEqual({ size: 2, totalElements: 3, totalPages: 2, number: 2 });
    const past = await get("/api/customers", { query: { pageSize: 2, page: 5 } });
    expect(past.json._embedded.customers).toEqual([]);
    expect(past.json.page.totalElements).toBe(3);
  });

  it.each([
    [{ firstName: "Zoe" }, ["Zoe"]],
    [{ firstName: " Zoe " }, ["Zoe"]],
    [{ lastName: "Chen" }, ["Ann"]],
    [{ phone: "555-0100" }, ["Rodney"]],
    [{ email: "ZOE@example.org" }, ["Zoe"]],
    [{ email: "z.adams@example.org" }, ["Zoe"]],
    [{ email: "nobody@example.org" }, []],
    [{ updatedSince: "2021-01-01T00:00:00Z" }, ["Zoe"]],
    [{ updatedSince: "2020-07-24T20:18:34Z" }, ["Zoe"]],
    // The given second is included (FreeScout's >=).
    [{ updatedSince: "2020-07-24T20:18:33Z" }, ["Zoe", "Ann", "Rodney"]],
    // Names case-insensitively, phone by digits as a substring (FreeScout).
    [{ firstName: "zOE" }, ["Zoe"]],
    [{ lastName: "CHEN" }, ["Ann"]],
    [{ phone: "(555) 01" }, ["Rodney"]],
    [{ phone: "0100" }, ["Rodney"]],
    [{ phone: "5550199" }, []],
    [{ updatedSince: "2020-07-24T20:18:32Z" }, ["Zoe", "Ann", "Rodney"]],
    [{ firstName: "Rodney", lastName: "Robertson", phone: "555-0100", email: "rodney@example.org" }, ["Rodney"]],
    [{ firstName: "Rodney", email: "ann@example.org" }, []],
  ])("filters %o", async (query, expected) => {
    const res = await get("/api/customers", { query });
    expect(names(res)).toEqual(expected);
    expect(res.json.page.totalElements).toBe(expected.length);
  });

  it("takes the document's example query", async () => {
    const query = {
      firstName: "John",
      lastName: "Doe",
      phone: "777-777-777",
      email: "john@example.org",
      updatedSince: "2021-01-07T12:00:03Z",
      sortField: "firstName",
      sortOrder: "asc",
      page: "1",
      pageSize: "100",
    };
    const res = await get("/api/customers", { query });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      _embedded: { customers: [] },
      page: { size: 100, totalElements: 0, totalPages: 1, number: 1 },
    });
  });

  it("finds a customer by an email added later and by updatedSince after an update", async () => {
    await put("/api/customers/7", { emails_add: ["ann.chen@example.org"] });
    expect(names(await get("/api/customers", { query: { email: "Ann.Chen@example.org" } }))).toEqual(["Ann"]);
    expect(
      names(
        await get("/api/customers", {
          query: { updatedSince: "2021-01-01T00:00:00Z", sortField: "firstName", sortOrder: "asc" },
        }),
      ),
    ).toEqual(["Ann", "Zoe"]);
  });

  it.each([
    ["createdAt", "asc", ["Rodney", "Ann", "Zoe"]],
    ["createdAt", "desc", ["Zoe", "Ann", "Rodney"]],
    ["firstName", "asc", ["Ann", "Rodney", "Zoe"]],
    ["firstName", "desc", ["Zoe", "Rodney", "Ann"]],
    ["lastName", "asc", ["Zoe", "Ann", "Rodney"]],
    ["lastName", "desc", ["Rodney", "Ann", "Zoe"]],
    ["updatedAt", "asc", ["Rodney", "Ann", "Zoe"]],
    ["updatedAt", "desc", ["Zoe", "Ann", "Rodney"]],
  ])("sorts by %s %s", async (sortField, sortOrder, expected) => {
    expect(names(await get("/api/customers", { query: { sortField, sortOrder } }))).toEqual(expected);
  });

  it("sorts desc by default, with the field given", async () => {
    expect(names(await get("/api/customers", { query: { sortField: "firstName" } }))).toEqual(["Zoe", "Rodney", "Ann"]);
  });
});

import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { createCustomerExample } from "@test/support/examples";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const isoNow = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const countWithEmail = async (email: string) =>
  (await get("/api/customers", { query: { email } })).json.page.totalElements;

describe("Create Customer", () => {
  it("creates the document's example: 201, Resource-ID, Location and the customer as Get Customer shows it", async () => {
    const res = await post("/api/customers", createCustomerExample);
    expect(res.status).toBe(201);
    const id = Number(res.headers.get("Resource-ID"));
    expect(id).toBeGreaterThan(7);
    expect(res.headers.get("Location")).toBe(`http://localhost:8787/api/customers/${id}`);
    expect(res.json).toEqual({
      id,
      firstName: "Mark",
      lastName: "Morrison",
      company: "Example, Inc",
      jobTitle: "Secretary",
      photoType: "unknown",
      photoUrl: "https://example.org/upload/customer.jpg",
      createdAt: expect.stringMatching(isoNow),
      updatedAt: expect.stringMatching(isoNow),
      notes: "Nothing special to say",
      customerFields: [],
      _embedded: {
        emails: [{ id: expect.any(Number), value: "mark@example.org", type: "home" }],
        phones: [{ id: expect.any(Number), value: "777-777-777", type: "home" }],
        social_profiles: [{ id: 1, value: "@markexample", type: "twitter" }],
        websites: [{ id: 1, value: "https://example.org" }],
        address: { city: "LA", state: "California", zip: "123123", country: "US", address: "1419 Westwood Blvd" },
      },
    });
    expect((await get(`/api/customers/${id}`)).json).toEqual(res.json);
  });

  it("stores emails lower-cased, once each, in the given order with their types", async () => {
    const res = await post("/api/customers", {
      emails: [
        { value: "Mark@Example.org", type: "home" },
        { value: "mark@example.ORG" },
        { value: "m.m@example.org" },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json._embedded.emails).toMatchObject([
      { value: "mark@example.org", type: "home" },
      { value: "m.m@example.org", type: "work" },
    ]);
  });

  it("is create-or-get: the same email in any case answers 200 with that customer, unchanged", async () => {
    const first = await post("/api/customers", { firstName: "Mark", emails: [{ value: "mark@example.org" }] });
    const again = await post("/api/customers", {
      ...createCustomerExample,
      firstName: "Other",
      emails: [{ value: "MARK@example.org" }],
    });
    expect(again.status).toBe(200);
    expect(again.headers.get("Resource-ID")).toBe(String(first.json.id));
    expect(again.headers.get("Location")).toBe(`http://localhost:8787/api/customers/${first.json.id}`);
    // "This method does not update existing customers."
    expect(again.json).toEqual(first.json);
    expect(await countWithEmail("mark@example.org")).toBe(1);
  });

  it("create-or-get keeps what the customer has: fields, phones and profiles are not overwritten", async () => {
    const res = await post("/api/customers", {
      firstName: "Someone",
      company: "Else",
      notes: "new notes",
      phones: [{ value: "1" }],
      socialProfiles: [{ value: "@else", type: "twitter" }],
      emails: [{ value: "rodney@example.org" }],
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: 1, firstName: "Rodney", company: "Robertson Ltd", notes: "Prefers email." });
    expect(res.json._embedded.phones).toEqual([{ id: 1, value: "555-0100", type: "work" }]);
    expect(res.json._embedded.social_profiles).toEqual([{ id: 1, value: "@rodney", type: "twitter" }]);
  });

  it("create-or-get with several emails of one customer answers that customer", async () => {
    await post("/api/customers", { emails: [{ value: "a@example.org" }, { value: "b@example.org" }] });
    const res = await post("/api/customers", { emails: [{ value: "b@example.org" }, { value: "A@example.org" }] });
    expect(res.status).toBe(200);
    expect(res.json._embedded.emails.map((e: { value: string }) => e.value)).toEqual([
      "a@example.org",
      "b@example.org",
    ]);
  });

  it("parallel creates with one new email yield one customer", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post("/api/customers", { firstName: `P${i}`, emails: [{ value: "race@example.org" }] }),
      ),
    );
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(7);
    expect(await countWithEmail("race@example.org")).toBe(1);
  });

  it("parallel creates with the same email in different cases yield one customer", async () => {
    const results = await Promise.all(
      ["Race@Example.org", "race@example.org", "RACE@EXAMPLE.ORG", "race@EXAMPLE.org"].map((value) =>
        post("/api/customers", { emails: [{ value }] }),
      ),
    );
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
  });

  it("a customer without emails is always new; the top-level phone joins the phones once", async () => {
    const a = await post("/api/customers", { firstName: "Pat", phone: "555-1" });
    const b = await post("/api/customers", {
      firstName: "Pat",
      phone: "555-1",
      phones: [{ value: "555-1", type: "home" }, { value: "555-2" }],
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json._embedded.phones).toMatchObject([{ value: "555-1", type: "work" }]);
    expect(b.json._embedded.phones).toMatchObject([
      { value: "555-1", type: "home" },
      { value: "555-2", type: "work" },
    ]);
    expect(b.json.id).not.toBe(a.json.id);
  });

  it("accepts an empty body, empty lists and nulls", async () => {
    const empty = await post("/api/customers", {});
    expect(empty.status).toBe(201);
    expect(empty.json).toMatchObject({ firstName: null, lastName: null, customerFields: [] });
    const nulls = await post("/api/customers", {
      firstName: null,
      photoType: null,
      emails: [],
      address: { country: null },
    });
    expect(nulls.status).toBe(201);
    expect(nulls.json._embedded.address).toEqual({ city: null, state: null, zip: null, country: null, address: null });
  });

  it("accepts every limit exactly; trims texts; upper-cases the country", async () => {
    const res = await post("/api/customers", {
      firstName: "x".repeat(40),
      lastName: "y".repeat(40),
      jobTitle: "j".repeat(60),
      company: ` ${"c".repeat(60)} `,
      photoUrl: `https://example.org/${"p".repeat(200 - 20)}`,
      address: { country: "de" },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ firstName: "x".repeat(40), company: "c".repeat(60) });
    expect(res.json.photoUrl).toHaveLength(200);
    expect(res.json._embedded.address.country).toBe("DE");
  });

  it.each(["unknown", "gravatar", "twitter", "facebook", "googleprofile", "googleplus", "linkedin"])(
    "accepts photoType %s",
    async (photoType) => {
      expect((await post("/api/customers", { photoType })).json.photoType).toBe(photoType);
    },
  );
});

import { get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Get Customer", () => {
  it("shows the demo customer in the document's full shape", async () => {
    const res = await get("/api/customers/1");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: 1,
      firstName: "Rodney",
      lastName: "Robertson",
      company: "Robertson Ltd",
      jobTitle: "Buyer",
      photoType: "unknown",
      photoUrl: null,
      createdAt: "2020-07-23T12:34:12Z",
      updatedAt: "2020-07-24T20:18:33Z",
      notes: "Prefers email.",
      customerFields: [
        { id: 2, name: "Gender", value: "1", text: "Male" },
        { id: 11, name: "Age", value: "25", text: "" },
      ],
      _embedded: {
        emails: [{ id: 1, value: "rodney@example.org", type: "work" }],
        phones: [{ id: 1, value: "555-0100", type: "work" }],
        social_profiles: [{ id: 1, value: "@rodney", type: "twitter" }],
        websites: [{ id: 1, value: "https://robertson.example.org" }],
        address: {
          city: "Los Angeles",
          state: "California",
          zip: "90024",
          country: "US",
          address: "1419 Westwood Blvd",
        },
      },
    });
  });

  it("shows a customer without details with empty lists and a null address", async () => {
    expect((await get("/api/customers/7")).json).toMatchObject({
      id: 7,
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

  it("numbers profiles and websites by position, so the same list gives the same ids", async () => {
    const socialProfiles = [{ value: "@a", type: "twitter" }, { value: "a.in", type: "linkedin" }, { value: "a.fb" }];
    const websites = [{ value: "https://a.example.org" }, { value: "https://b.example.org" }];
    await put("/api/customers/7", { socialProfiles, websites });
    const first = (await get("/api/customers/7")).json._embedded;
    expect(first.social_profiles).toEqual([
      { id: 1, value: "@a", type: "twitter" },
      { id: 2, value: "a.in", type: "linkedin" },
      { id: 3, value: "a.fb", type: "other" },
    ]);
    expect(first.websites).toEqual([
      { id: 1, value: "https://a.example.org" },
      { id: 2, value: "https://b.example.org" },
    ]);
    expect((await get("/api/customers/7")).json._embedded).toEqual(first);
  });

  it("shows field values in the fields' order, a dropdown with its label", async () => {
    await put("/api/customers/7/customer_fields", {
      customerFields: [
        { id: 37, value: "Jane" },
        { id: 2, value: 3 },
      ],
    });
    expect((await get("/api/customers/7")).json.customerFields).toEqual([
      { id: 2, name: "Gender", value: "3", text: "Other" },
      { id: 37, name: "Account manager", value: "Jane", text: "" },
    ]);
  });

  it("shows a new customer exactly as its creation answered", async () => {
    const created = await post("/api/customers", { firstName: "New", emails: [{ value: "new@example.org" }] });
    expect((await get(`/api/customers/${created.json.id}`)).json).toEqual(created.json);
  });
});

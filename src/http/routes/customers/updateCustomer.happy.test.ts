import { get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { updateCustomerExample } from "@test/support/examples";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const customer = async (id: number) => (await get(`/api/customers/${id}`)).json;
const values = (list: { value: string }[]) => list.map((e) => e.value);

describe("Update Customer", () => {
  it("applies the document's example: 204, emails replace the list and emails_add has no effect", async () => {
    const res = await put("/api/customers/1", updateCustomerExample);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const after = await customer(1);
    expect(after).toMatchObject({
      id: 1,
      firstName: "Mark",
      lastName: "Morrison",
      company: "Example, Inc",
      jobTitle: "Secretary",
      photoType: "unknown",
      photoUrl: "https://example.org/upload/customer.jpg",
      notes: "Nothing special to say",
      createdAt: "2020-07-23T12:34:12Z",
      _embedded: {
        social_profiles: [{ id: 1, value: "@markexample", type: "twitter" }],
        websites: [{ id: 1, value: "https://example.org" }],
        address: { city: "LA", state: "California", zip: "123123", country: "US", address: "1419 Westwood Blvd" },
      },
    });
    expect(values(after._embedded.emails)).toEqual(["mark@example.org", "admin@example.org"]);
    expect(after._embedded.phones).toMatchObject([{ value: "777-777-777", type: "home" }]);
    expect(after.updatedAt).not.toBe("2020-07-24T20:18:33Z");
    expect(after.customerFields).toHaveLength(2);
  });

  it("emails_add appends, skipping emails the customer has; other fields stay (partial update)", async () => {
    expect(
      (
        await put("/api/customers/1", {
          emails_add: ["second@example.org", "RODNEY@example.org", "Second@example.org"],
        })
      ).status,
    ).toBe(204);
    const after = await customer(1);
    expect(values(after._embedded.emails)).toEqual(["rodney@example.org", "second@example.org"]);
    expect(after).toMatchObject({ firstName: "Rodney", company: "Robertson Ltd", notes: "Prefers email." });
    expect(values(after._embedded.phones)).toEqual(["555-0100"]);
    expect(values(after._embedded.social_profiles)).toEqual(["@rodney"]);
  });

  it("emails keeps the ids of the emails that stay and drops the others", async () => {
    await put("/api/customers/1", { emails_add: ["b@example.org"] });
    await put("/api/customers/1", { emails: ["B@example.org", "c@example.org"] });
    const emails = (await customer(1))._embedded.emails;
    expect(values(emails)).toEqual(["b@example.org", "c@example.org"]);
    expect(emails[0].id).toBeGreaterThan(1);
    // The dropped email is still used by conversation 1: it went to a new blank customer (Customer::syncEmails).
    const owner = await post("/api/customers", { emails: [{ value: "rodney@example.org" }] });
    expect(owner.status).toBe(200);
    expect(owner.json).toMatchObject({ firstName: null, lastName: null });
    expect(owner.json.id).not.toBe(1);
  });

  it("a dropped email no conversation uses is deleted, and is free again", async () => {
    await put("/api/customers/1", { emails_add: ["old@example.org"] });
    await put("/api/customers/1", { emails: ["rodney@example.org"] });
    expect((await post("/api/customers", { emails: [{ value: "old@example.org" }] })).status).toBe(201);
  });

  it("an empty emails list changes nothing (as FreeScout's module)", async () => {
    await put("/api/customers/1", { emails: [] });
    expect(values((await customer(1))._embedded.emails)).toEqual(["rodney@example.org"]);
  });

  it("phones, socialProfiles and websites replace their lists; empty lists clear them", async () => {
    await put("/api/customers/1", {
      phones: [{ value: "1", type: "home" }, { value: "2" }],
      socialProfiles: [],
      websites: [{ value: "https://x.example.org" }],
    });
    const after = await customer(1);
    expect(after._embedded.phones).toMatchObject([
      { value: "1", type: "home" },
      { value: "2", type: "work" },
    ]);
    expect(after._embedded.social_profiles).toEqual([]);
    expect(after._embedded.websites).toEqual([{ id: 1, value: "https://x.example.org" }]);
    await put("/api/customers/1", { phones: [] });
    expect((await customer(1))._embedded.phones).toEqual([]);
  });

  it("phone alone is added to the phones once", async () => {
    await put("/api/customers/1", { phone: "555-0199" });
    await put("/api/customers/1", { phone: "555-0199" });
    expect(values((await customer(1))._embedded.phones)).toEqual(["555-0100", "555-0199"]);
  });

  it("address parts change one by one; null clears a field", async () => {
    await put("/api/customers/1", {
      address: { city: "Boston", country: "gb", zip: null },
      jobTitle: null,
      notes: null,
    });
    const after = await customer(1);
    expect(after._embedded.address).toEqual({
      city: "Boston",
      state: "California",
      zip: null,
      country: "GB",
      address: "1419 Westwood Blvd",
    });
    expect(after).toMatchObject({ jobTitle: null, notes: null, firstName: "Rodney" });
  });

  it("accepts every limit exactly", async () => {
    const body = {
      firstName: "f".repeat(40),
      lastName: "l".repeat(40),
      jobTitle: "j".repeat(60),
      company: "c".repeat(60),
      photoUrl: `https://example.org/${"p".repeat(180)}`,
    };
    expect((await put("/api/customers/7", body)).status).toBe(204);
    expect(await customer(7)).toMatchObject(body);
  });

  it("conversations keep the address they were with (as FreeScout), so the customerEmail filter still finds them", async () => {
    await put("/api/customers/1", { emails: ["new.rodney@example.org"] });
    const list = await get("/api/conversations", { query: { customerEmail: "rodney@example.org" } });
    expect(list.json._embedded.conversations.map((c: { id: number }) => c.id)).toEqual([1]);
  });

  it("parallel updates adding one new email to two customers: one gets it, the other skips it", async () => {
    const results = await Promise.all([
      put("/api/customers/1", { emails_add: ["shared@example.org"] }),
      put("/api/customers/7", { emails_add: ["shared@example.org"] }),
    ]);
    expect(results.map((r) => r.status)).toEqual([204, 204]);
    expect((await get("/api/customers", { query: { email: "shared@example.org" } })).json.page.totalElements).toBe(1);
  });
});

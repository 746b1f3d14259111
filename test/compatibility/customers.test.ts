/**
 * FreeScout's API module (1.0.87) as integrations were tested against it: one test per row of
 * the "Customers" section of module-behaviour.md. Each sends the request the module accepts and
 * reads the module's effect back through the API.
 */
import { errorsOf, get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const emailsOf = async (id: number) =>
  (await get(`/api/customers/${id}`)).json._embedded.emails.map((e: { value: string }) => e.value);

const names = (res: { json: { _embedded: { customers: { firstName: string | null }[] } } }) =>
  res.json._embedded.customers.map((c) => c.firstName);

describe("Customers", () => {
  it("H: Create Customer takes a single `email` (added as a work email)", async () => {
    const res = await post("/api/customers", { firstName: "Mark", email: "mark@example.org" });
    expect(res.status).toBe(201);
    expect((await get(`/api/customers/${res.json.id}`)).json._embedded.emails).toMatchObject([
      { value: "mark@example.org", type: "work" },
    ]);
  });

  it("H: Create Customer when every email is taken by one customer answers it (200) unchanged", async () => {
    const before = (await get("/api/customers/1")).json;
    const res = await post("/api/customers", { firstName: "Other", company: "X", email: "RODNEY@example.org" });
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(1);
    expect((await get("/api/customers/1")).json).toEqual(before);
  });

  it("H: Create Customer when every email is taken by different customers: an error, nothing created", async () => {
    const res = await post("/api/customers", {
      emails: [{ value: "rodney@example.org" }, { value: "ann@example.org" }],
    });
    expect(res.status).toBe(409);
    expect(errorsOf(res)[0]!.message).toBe("Customers with such email(s) already exist");
    expect((await get("/api/customers")).json.page.totalElements).toBe(2);
  });

  it("H: Create Customer when some emails are taken: 201 with only the new ones", async () => {
    const res = await post("/api/customers", {
      firstName: "Both",
      emails: [{ value: "fresh@example.org" }, { value: "rodney@example.org" }],
    });
    expect(res.status).toBe(201);
    expect(await emailsOf(res.json.id)).toEqual(["fresh@example.org"]);
    expect(await emailsOf(1)).toEqual(["rodney@example.org"]);
  });

  it("H: Update Customer `emails` owned by another customer are moved to this customer", async () => {
    expect((await put("/api/customers/1", { emails: ["rodney@example.org", "ann@example.org"] })).status).toBe(204);
    expect(await emailsOf(1)).toEqual(["rodney@example.org", "ann@example.org"]);
    expect(await emailsOf(7)).toEqual([]);
  });

  it("H: removed emails still used by conversations go to a new blank customer; unused ones are deleted", async () => {
    await put("/api/customers/1", { emails_add: ["unused@example.org"] });
    // Conversation 1 is with rodney@example.org.
    expect((await put("/api/customers/1", { emails: ["new@example.org"] })).status).toBe(204);
    expect(await emailsOf(1)).toEqual(["new@example.org"]);
    const owner = (await get("/api/customers", { query: { email: "rodney@example.org" } })).json._embedded.customers;
    expect(owner).toHaveLength(1);
    expect(owner[0]).toMatchObject({ firstName: null, lastName: null });
    expect(owner[0].id).not.toBe(1);
    expect((await get("/api/customers", { query: { email: "unused@example.org" } })).json.page.totalElements).toBe(0);
    // The conversation stays with its customer and address.
    expect((await get("/api/conversations/1")).json.customer).toMatchObject({ id: 1 });
  });

  it("M: `emails_add` owned by someone else are skipped, the rest added", async () => {
    expect((await put("/api/customers/1", { emails_add: ["ann@example.org", "r2@example.org"] })).status).toBe(204);
    expect(await emailsOf(1)).toEqual(["rodney@example.org", "r2@example.org"]);
    expect(await emailsOf(7)).toEqual(["ann@example.org"]);
  });

  it("M: `emails: []` changes nothing", async () => {
    expect((await put("/api/customers/1", { emails: [], firstName: "Rod" })).status).toBe(204);
    expect(await emailsOf(1)).toEqual(["rodney@example.org"]);
    expect((await get("/api/customers/1")).json.firstName).toBe("Rod");
  });

  it("M: `{value}` objects accepted in `emails` (Update) and plain strings in `emails` (Create)", async () => {
    await put("/api/customers/1", { emails: [{ value: "rodney@example.org" }, { value: "obj@example.org" }] });
    expect(await emailsOf(1)).toEqual(["rodney@example.org", "obj@example.org"]);
    const created = await post("/api/customers", { emails: ["plain@example.org"] });
    expect(created.status).toBe(201);
    expect(await emailsOf(created.json.id)).toEqual(["plain@example.org"]);
  });

  it("M: address as `address.lines` or as top-level fields", async () => {
    const lines = await post("/api/customers", {
      firstName: "Lines",
      address: { lines: ["1419 Westwood Blvd", "Suite 2"], city: "LA" },
    });
    expect(lines.json._embedded.address).toMatchObject({ address: "1419 Westwood Blvd, Suite 2", city: "LA" });
    const top = await post("/api/customers", { firstName: "Top", city: "Berlin", zip: "10115", country: "de" });
    expect(top.json._embedded.address).toMatchObject({ city: "Berlin", zip: "10115", country: "DE" });
  });

  it("M: websites and social profiles as plain strings", async () => {
    const res = await post("/api/customers", {
      firstName: "Web",
      websites: ["https://example.org"],
      socialProfiles: ["@web"],
    });
    expect(res.status).toBe(201);
    expect(res.json._embedded.websites).toEqual([{ id: 1, value: "https://example.org" }]);
    expect(res.json._embedded.social_profiles).toEqual([{ id: 1, value: "@web", type: "other" }]);
  });

  it("M: an invalid country clears it instead of refusing the request", async () => {
    expect((await put("/api/customers/1", { address: { country: "United States" } })).status).toBe(204);
    expect((await get("/api/customers/1")).json._embedded.address.country).toBeNull();
  });

  it("M: List Customers: first/last name case-insensitive", async () => {
    expect(names(await get("/api/customers", { query: { firstName: "rODNEY" } }))).toEqual(["Rodney"]);
    expect(names(await get("/api/customers", { query: { lastName: "chen" } }))).toEqual(["Ann"]);
  });

  it("M: List Customers: phone is a digits substring match", async () => {
    // Rodney's phone is 555-0100.
    expect(names(await get("/api/customers", { query: { phone: "(555) 01" } }))).toEqual(["Rodney"]);
    expect(names(await get("/api/customers", { query: { phone: "0100" } }))).toEqual(["Rodney"]);
  });

  it("M: List Customers: updatedSince is >= (the given second included)", async () => {
    const updatedAt = (await get("/api/customers/7")).json.updatedAt;
    expect(names(await get("/api/customers", { query: { updatedSince: updatedAt } }))).toContain("Ann");
  });

  it("M: List Customers items include customerFields", async () => {
    const items = (await get("/api/customers")).json._embedded.customers;
    for (const item of items)
      expect(item.customerFields).toEqual((await get(`/api/customers/${item.id}`)).json.customerFields);
  });
});

import { get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Update Customer security", () => {
  it("is 401 without a key or with a wrong one, and changes nothing", async () => {
    expect((await put("/api/customers/1", { firstName: "X" }, { key: null })).status).toBe(401);
    expect((await put("/api/customers/1", { firstName: "X" }, { key: "wrong" })).status).toBe(401);
    expect((await get("/api/customers/1")).json.firstName).toBe("Rodney");
  });

  it("emails_add cannot take another customer's email, in any case or spelling", async () => {
    for (const body of [{ emails_add: ["Ann@Example.org"] }, { emails_add: [" ann@example.org "] }]) {
      expect((await put("/api/customers/1", body)).status).toBe(204);
    }
    expect((await get("/api/customers/7")).json._embedded.emails).toEqual([
      { id: 2, value: "ann@example.org", type: "work" },
    ]);
    expect((await get("/api/customers/1")).json._embedded.emails).toEqual([
      { id: 1, value: "rodney@example.org", type: "work" },
    ]);
  });

  it("ignores server-owned fields: id, dates and field values", async () => {
    await put("/api/customers/1", {
      id: 7,
      createdAt: "2000-01-01T00:00:00Z",
      customerFields: [{ id: 37, value: "x" }],
      firstName: "R",
    });
    const after = (await get("/api/customers/1")).json;
    expect(after).toMatchObject({ id: 1, firstName: "R", createdAt: "2020-07-23T12:34:12Z" });
    expect(after.customerFields.map((f: { id: number }) => f.id)).toEqual([2, 11]);
    expect((await get("/api/customers/7")).json.firstName).toBe("Ann");
  });

  it("refuses a script photoUrl", async () => {
    expect((await put("/api/customers/1", { photoUrl: "javascript:alert(1)" })).status).toBe(400);
  });
});

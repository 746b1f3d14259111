import { get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Update Customer Fields security", () => {
  it("is 401 without a key or with a wrong one, and changes nothing", async () => {
    const body = { customerFields: [{ id: 37, value: "x" }] };
    expect((await put("/api/customers/1/customer_fields", body, { key: null })).status).toBe(401);
    expect((await put("/api/customers/1/customer_fields", body, { key: "wrong" })).status).toBe(401);
    expect((await get("/api/customers/1")).json.customerFields).toHaveLength(2);
  });

  it("touches only the customer named in the path", async () => {
    await put("/api/customers/7/customer_fields", {
      customerFields: [
        { id: 2, value: 2 },
        { id: 11, value: "" },
      ],
    });
    expect((await get("/api/customers/1")).json.customerFields).toEqual([
      { id: 2, name: "Gender", value: "1", text: "Male" },
      { id: 11, name: "Age", value: "25", text: "" },
    ]);
  });

  it("stores markup and SQL as plain text", async () => {
    const value = `<img src=x onerror=alert(1)>'); DELETE FROM customer_field_values; --`;
    expect((await put("/api/customers/7/customer_fields", { customerFields: [{ id: 37, value }] })).status).toBe(204);
    expect((await get("/api/customers/7")).json.customerFields).toEqual([
      { id: 37, name: "Account manager", value, text: "" },
    ]);
    expect((await get("/api/customers/1")).json.customerFields).toHaveLength(2);
  });

  it("caps the number of entries", async () => {
    const customerFields = Array.from({ length: 201 }, () => ({ id: 37, value: "x" }));
    expect((await put("/api/customers/1/customer_fields", { customerFields })).status).toBe(400);
  });
});

import { get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const fieldsOf = async (id: number) => (await get(`/api/customers/${id}`)).json.customerFields;

describe("Update Customer Fields", () => {
  it("applies the document's example verbatim: 204 and the value shows", async () => {
    const res = await put("/api/customers/1/customer_fields", { customerFields: [{ id: 37, value: "Test value" }] });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(await fieldsOf(1)).toEqual([
      { id: 2, name: "Gender", value: "1", text: "Male" },
      { id: 11, name: "Age", value: "25", text: "" },
      { id: 37, name: "Account manager", value: "Test value", text: "" },
    ]);
  });

  it("takes a dropdown option id as number or string and shows its label", async () => {
    await put("/api/customers/1/customer_fields", { customerFields: [{ id: 2, value: 2 }] });
    expect((await fieldsOf(1))[0]).toEqual({ id: 2, name: "Gender", value: "2", text: "Female" });
    await put("/api/customers/1/customer_fields", { customerFields: [{ id: 2, value: "3" }] });
    expect((await fieldsOf(1))[0]).toEqual({ id: 2, name: "Gender", value: "3", text: "Other" });
  });

  it("takes numbers as numbers or text; leaves the fields not named alone", async () => {
    await put("/api/customers/1/customer_fields", { customerFields: [{ id: 11, value: 42 }] });
    await put("/api/customers/1/customer_fields", { customerFields: [{ id: 37, value: "Jo" }] });
    expect(await fieldsOf(1)).toEqual([
      { id: 2, name: "Gender", value: "1", text: "Male" },
      { id: 11, name: "Age", value: "42", text: "" },
      { id: 37, name: "Account manager", value: "Jo", text: "" },
    ]);
    await put("/api/customers/1/customer_fields", { customerFields: [{ id: 11, value: "-3.5" }] });
    expect((await fieldsOf(1))[1].value).toBe("-3.5");
  });

  it("an empty value or null clears the field", async () => {
    await put("/api/customers/1/customer_fields", {
      customerFields: [
        { id: 11, value: "" },
        { id: 2, value: null },
      ],
    });
    expect(await fieldsOf(1)).toEqual([]);
  });

  it("a field given twice takes its last value; an empty list changes nothing", async () => {
    await put("/api/customers/7/customer_fields", {
      customerFields: [
        { id: 37, value: "a" },
        { id: 37, value: "b" },
      ],
    });
    expect(await fieldsOf(7)).toEqual([{ id: 37, name: "Account manager", value: "b", text: "" }]);
    expect((await put("/api/customers/7/customer_fields", { customerFields: [] })).status).toBe(204);
    expect(await fieldsOf(7)).toHaveLength(1);
  });

  it("marks the customer updated", async () => {
    await put("/api/customers/7/customer_fields", { customerFields: [{ id: 37, value: "a" }] });
    const list = await get("/api/customers", { query: { updatedSince: "2021-01-01T00:00:00Z" } });
    expect(list.json._embedded.customers.map((c: { id: number }) => c.id)).toEqual([7]);
  });
});

import { errorsOf, get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const fieldsOf = async (id: number) => (await get(`/api/customers/${id}`)).json.customerFields;

describe("Update Customer Fields errors", () => {
  it("400 naming each bad entry, and nothing is written", async () => {
    const before = await fieldsOf(1);
    const res = await put("/api/customers/1/customer_fields", {
      customerFields: [
        { id: 37, value: "fine" },
        { id: 2, value: "Male" },
        { id: 11, value: "old" },
        { id: 99, value: "x" },
      ],
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([
      {
        path: "customerFields[1].value",
        message: expect.stringContaining("Gender"),
        rejectedValue: "Male",
        source: "JSON",
      },
      { path: "customerFields[2].value", message: "Age must be a number", rejectedValue: "old", source: "JSON" },
      { path: "customerFields[3].id", message: "Unknown field", rejectedValue: 99, source: "JSON" },
    ]);
    expect(await fieldsOf(1)).toEqual(before);
  });

  it.each([
    ["no customerFields", {}, "customerFields"],
    ["customerFields not a list", { customerFields: { id: 37, value: "x" } }, "customerFields"],
    ["an entry without id", { customerFields: [{ value: "x" }] }, "customerFields[0].id"],
    ["an id that is not a number", { customerFields: [{ id: "abc", value: "x" }] }, "customerFields[0].id"],
    ["an object as value", { customerFields: [{ id: 37, value: { a: 1 } }] }, "customerFields[0].value"],
    ["a dropdown option that does not exist", { customerFields: [{ id: 2, value: 9 }] }, "customerFields[0].value"],
    [
      "a singleline value over 255",
      { customerFields: [{ id: 37, value: "x".repeat(256) }] },
      "customerFields[0].value",
    ],
  ])("400 for %s", async (_name, body, path) => {
    const res = await put("/api/customers/1/customer_fields", body);
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toContain(path);
  });

  it("404 for an unknown customer, even with a valid body", async () => {
    const res = await put("/api/customers/999/customer_fields", { customerFields: [{ id: 37, value: "x" }] });
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "customerId", rejectedValue: 999 });
  });
});

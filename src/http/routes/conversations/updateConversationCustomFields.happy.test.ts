import { get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Update Custom Fields", () => {
  it("applies the document's example and keeps the other values", async () => {
    expect(
      (await put("/api/conversations/1/custom_fields", { customFields: [{ id: 37, value: "Test value" }] })).status,
    ).toBe(204);
    expect((await get("/api/conversations/1")).json.customFields).toEqual([
      { id: 18, name: "Priority", value: "2", text: "Medium" },
      { id: 37, name: "Vendor", value: "Test value", text: "" },
    ]);
  });

  it("sets dropdown, date and number values, and clears with an empty value", async () => {
    await put("/api/conversations/1/custom_fields", {
      customFields: [
        { id: 18, value: 3 },
        { id: 19, value: "2024-02-29" },
        { id: 39, value: 12.5 },
        { id: 37, value: "" },
      ],
    });
    expect((await get("/api/conversations/1")).json.customFields).toEqual([
      { id: 18, name: "Priority", value: "3", text: "High" },
      { id: 19, name: "Purchase Date", value: "2024-02-29", text: "" },
      { id: 39, name: "Amount", value: "12.5", text: "" },
    ]);
  });

  it("parallel updates of different fields all land (merged in one statement, no read-modify-write)", async () => {
    const results = await Promise.all([
      put("/api/conversations/1/custom_fields", { customFields: [{ id: 19, value: "2024-01-01" }] }),
      put("/api/conversations/1/custom_fields", { customFields: [{ id: 38, value: "note" }] }),
      put("/api/conversations/1/custom_fields", { customFields: [{ id: 39, value: 5 }] }),
      put("/api/conversations/1/custom_fields", { customFields: [{ id: 18, value: 1 }] }),
    ]);
    expect(results.map((r) => r.status)).toEqual([204, 204, 204, 204]);
    expect(
      (await get("/api/conversations/1")).json.customFields.map((f: { id: number; value: string }) => [f.id, f.value]),
    ).toEqual([
      [18, "1"],
      [19, "2024-01-01"],
      [37, "Acme Payments"],
      [38, "note"],
      [39, "5"],
    ]);
  });

  it("an empty list changes nothing", async () => {
    const before = (await get("/api/conversations/1")).json.customFields;
    expect((await put("/api/conversations/1/custom_fields", { customFields: [] })).status).toBe(204);
    expect((await get("/api/conversations/1")).json.customFields).toEqual(before);
  });
});

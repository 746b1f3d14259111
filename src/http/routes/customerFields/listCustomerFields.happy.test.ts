import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const names = (res: { json: { _embedded: { customer_fields: { name: string }[] } } }) =>
  res.json._embedded.customer_fields.map((f) => f.name);

describe("List Customer Fields", () => {
  it("lists the definitions in display order, as Create Customer Field shapes them", async () => {
    const res = await get("/api/customer_fields");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      _embedded: {
        customer_fields: [
          {
            id: 2,
            name: "Gender",
            type: "dropdown",
            options: { "1": "Male", "2": "Female", "3": "Other" },
            required: false,
            sortOrder: 1,
          },
          { id: 11, name: "Age", type: "number", options: "", required: false, sortOrder: 2 },
          { id: 37, name: "Account manager", type: "singleline", options: "", required: false, sortOrder: 3 },
        ],
      },
      page: { size: 50, totalElements: 3, totalPages: 1, number: 1 },
    });
  });

  it("orders by sortOrder, then id", async () => {
    await post("/api/customer_fields", { name: "Tier", type: "dropdown", options: { "5": "Gold" } });
    expect(names(await get("/api/customer_fields"))).toEqual(["Tier", "Gender", "Age", "Account manager"]);
  });

  it("pages", async () => {
    const res = await get("/api/customer_fields", { query: { pageSize: 2, page: 2 } });
    expect(names(res)).toEqual(["Account manager"]);
    expect(res.json.page).toEqual({ size: 2, totalElements: 3, totalPages: 2, number: 2 });
  });
});

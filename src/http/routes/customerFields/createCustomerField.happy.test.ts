import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Customer Field", () => {
  it("creates a customer field definition that the list then shows", async () => {
    const res = await post("/api/customer_fields", { name: "Tier", type: "dropdown", options: { "5": "Gold" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    expect(res.headers.get("Location")).toBe(`http://localhost:8787/api/customer_fields/${res.json.id}`);
    expect(res.json).toEqual({
      id: res.json.id,
      name: "Tier",
      type: "dropdown",
      options: { "5": "Gold" },
      required: false,
      sortOrder: 0,
    });
    const list = await get("/api/customer_fields");
    expect(list.json._embedded.customer_fields[0]).toEqual(res.json);
  });

  it("numbers options given as a list from 1", async () => {
    const res = await post("/api/customer_fields", { name: "Size", type: "dropdown", options: ["S", "M", "L"] });
    expect(res.json.options).toEqual({ "1": "S", "2": "M", "3": "L" });
  });
});

import { errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Customer Field errors", () => {
  it.each([
    ["a dropdown without options", { name: "Tier", type: "dropdown" }, "options"],
    ["options on a number field", { name: "Seats", type: "number", options: ["1"] }, "options"],
    ["an unknown type", { name: "Tier", type: "checkbox" }, "type"],
    ["no name", { type: "date" }, "name"],
    ["a name over 75 characters", { name: "x".repeat(76), type: "date" }, "name"],
  ])("400 for %s, and nothing is created", async (_name, body, path) => {
    const res = await post("/api/customer_fields", body);
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toEqual([path]);
    expect((await get("/api/customer_fields")).json.page.totalElements).toBe(3);
  });
});

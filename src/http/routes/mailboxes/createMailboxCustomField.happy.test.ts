import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Mailbox Custom Field", () => {
  it("creates custom fields of all five types", async () => {
    const cases = [
      { name: "Plan", type: "dropdown", options: ["Free", "Pro"] },
      { name: "Renewal", type: "date" },
      { name: "Order", type: "singleline", required: true, sortOrder: 2 },
      { name: "Details", type: "multiline" },
      { name: "Seats", type: "number" },
    ];
    for (const body of cases) expect((await post("/api/mailboxes/2/custom_fields", body)).status).toBe(201);
    const list = await get("/api/mailboxes/2/custom_fields");
    expect(list.json._embedded.custom_fields[0]).toMatchObject({ name: "Plan", options: { "1": "Free", "2": "Pro" } });
    expect(list.json.page.totalElements).toBe(5);
  });

  it("answers 201 with Resource-ID, Location and the field; options given by id are kept", async () => {
    const res = await post("/api/mailboxes/2/custom_fields", {
      name: "Tier",
      type: "dropdown",
      options: { "5": "Gold", "9": "Silver" },
      required: true,
      sortOrder: 4,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    expect(res.headers.get("Location")).toBe(`http://localhost:8787/api/mailboxes/2/custom_fields/${res.json.id}`);
    expect(res.json).toEqual({
      id: res.json.id,
      name: "Tier",
      type: "dropdown",
      options: { "5": "Gold", "9": "Silver" },
      required: true,
      sortOrder: 4,
    });
  });
});

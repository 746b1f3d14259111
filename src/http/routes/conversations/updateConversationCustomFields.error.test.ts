import { errorsOf, get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Update Custom Fields errors", () => {
  it("400 naming each bad entry; nothing is written", async () => {
    const res = await put("/api/conversations/1/custom_fields", {
      customFields: [
        { id: 37, value: "ok" },
        { id: 18, value: "9" },
        { id: 19, value: "2023-02-30" },
        { id: 555, value: "x" },
      ],
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toEqual([
      "customFields[1].value",
      "customFields[2].value",
      "customFields[3].id",
    ]);
    expect((await get("/api/conversations/1")).json.customFields[1].value).toBe("Acme Payments");
  });

  it("400 when customFields is missing or an entry has no id or an object value", async () => {
    expect(errorsOf(await put("/api/conversations/1/custom_fields", {}))[0]!.path).toBe("customFields");
    expect(errorsOf(await put("/api/conversations/1/custom_fields", { customFields: [{ value: "x" }] }))[0]!.path).toBe(
      "customFields[0].id",
    );
    expect(
      errorsOf(await put("/api/conversations/1/custom_fields", { customFields: [{ id: 37, value: { a: 1 } }] }))[0]!
        .path,
    ).toBe("customFields[0].value");
  });

  it("404 for an unknown conversation", async () => {
    expect((await put("/api/conversations/999/custom_fields", { customFields: [] })).status).toBe(404);
  });
});

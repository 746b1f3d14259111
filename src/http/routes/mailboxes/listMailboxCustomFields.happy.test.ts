import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Mailbox Custom Fields", () => {
  it("answers the document's example exactly", async () => {
    const res = await get("/api/mailboxes/1/custom_fields");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      _embedded: {
        custom_fields: [
          {
            id: 18,
            name: "Priority",
            type: "dropdown",
            options: { "1": "Low", "2": "Medium", "3": "High" },
            required: false,
            sortOrder: 1,
          },
          { id: 19, name: "Purchase Date", type: "date", options: null, required: false, sortOrder: 3 },
          { id: 37, name: "Vendor", type: "singleline", options: "", required: false, sortOrder: 6 },
          { id: 38, name: "Comments", type: "multiline", options: "", required: false, sortOrder: 7 },
          { id: 39, name: "Amount", type: "number", options: "", required: false, sortOrder: 8 },
        ],
      },
      page: { size: 50, totalElements: 5, totalPages: 1, number: 1 },
    });
  });

  it("is empty for a mailbox without fields and 404 for an unknown mailbox", async () => {
    expect((await get("/api/mailboxes/2/custom_fields")).json.page.totalElements).toBe(0);
    const res = await get("/api/mailboxes/404/custom_fields");
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "mailboxId", rejectedValue: 404 });
  });
});

import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Mailboxes", () => {
  it("lists mailboxes by id (the document's example with userId=7)", async () => {
    const res = await get("/api/mailboxes?userId=7&page=1&pageSize=100");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      _embedded: {
        mailboxes: [
          {
            id: 1,
            name: "Demo Mailbox",
            email: "support@support.example.org",
            createdAt: "2020-08-09T10:09:00Z",
            updatedAt: "2021-01-16T12:38:46Z",
          },
        ],
      },
      page: { size: 100, totalElements: 1, totalPages: 1, number: 1 },
    });
  });

  it("without a filter lists every mailbox; userId 33 sees two", async () => {
    expect((await get("/api/mailboxes")).json._embedded.mailboxes.map((m: { id: number }) => m.id)).toEqual([1, 2]);
    expect((await get("/api/mailboxes?userId=33")).json.page.totalElements).toBe(2);
  });

  it("an admin's userId, or an unknown user's, lists every mailbox (as FreeScout)", async () => {
    // User 1 is an admin with access granted to mailbox 1 only.
    expect((await get("/api/mailboxes?userId=1")).json._embedded.mailboxes.map((m: { id: number }) => m.id)).toEqual([
      1, 2,
    ]);
    expect((await get("/api/mailboxes?userId=999")).json.page.totalElements).toBe(2);
  });
});

import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Mailbox", () => {
  it("creates a mailbox with its six public folders", async () => {
    const res = await post("/api/mailboxes", { name: "Billing", email: "Billing@Example.org" });
    expect(res.status).toBe(201);
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    expect(res.headers.get("Location")).toBe(`http://localhost:8787/api/mailboxes/${res.json.id}`);
    expect(res.json).toMatchObject({ name: "Billing", email: "billing@example.org" });
    const folders = await get(`/api/mailboxes/${res.json.id}/folders`);
    expect(folders.json._embedded.folders.map((f: { type: number }) => f.type)).toEqual([1, 30, 40, 60, 70, 80]);
  });

  it("lists the new mailbox, trimmed name and all, with no user given access", async () => {
    const res = await post("/api/mailboxes", { name: "  Billing  ", email: "billing@example.org" });
    expect(res.json.name).toBe("Billing");
    const list = await get("/api/mailboxes");
    expect(list.json._embedded.mailboxes.at(-1)).toEqual(res.json);
    expect((await get("/api/mailboxes?userId=7")).json.page.totalElements).toBe(1);
  });
});

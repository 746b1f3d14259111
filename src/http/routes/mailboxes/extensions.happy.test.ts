import { env } from "cloudflare:test";
import { del, errorsOf, get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("mailbox extensions", () => {
  it("creates a mailbox with its six public folders", async () => {
    const res = await post("/api/mailboxes", { name: "Billing", email: "Billing@Example.org" });
    expect(res.status).toBe(201);
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    expect(res.json).toMatchObject({ name: "Billing", email: "billing@example.org" });
    const folders = await get(`/api/mailboxes/${res.json.id}/folders`);
    expect(folders.json._embedded.folders.map((f: { type: number }) => f.type)).toEqual([1, 30, 40, 60, 80, 110]);
  });

  it("409 for a mailbox email in use, and nothing is created", async () => {
    const res = await post("/api/mailboxes", { name: "Dup", email: "support@support.example.org" });
    expect(res.status).toBe(409);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM folders WHERE mailbox_id NOT IN (1, 2)").first<{
      n: number;
    }>();
    expect(count?.n).toBe(0);
  });

  it("updates a mailbox; 409 on a taken email; 404 unknown", async () => {
    expect((await put("/api/mailboxes/2", { name: "Sales EU" })).status).toBe(204);
    expect((await get("/api/mailboxes?userId=33")).json._embedded.mailboxes[1].name).toBe("Sales EU");
    expect((await put("/api/mailboxes/2", { email: "support@support.example.org" })).status).toBe(409);
    expect((await put("/api/mailboxes/99", { name: "x" })).status).toBe(404);
  });

  it("grants access with personal folders, idempotently, and revokes it", async () => {
    const user = await post("/api/users", { firstName: "New", lastName: "Agent", email: "new@example.org" });
    const userId = user.json.id;
    expect((await put(`/api/mailboxes/2/users/${userId}`, {})).status).toBe(204);
    expect((await put(`/api/mailboxes/2/users/${userId}`, {})).status).toBe(204);
    expect(
      (await get(`/api/mailboxes?userId=${userId}`)).json._embedded.mailboxes.map((m: { id: number }) => m.id),
    ).toEqual([2]);
    const folders = await get(`/api/mailboxes/2/folders?userId=${userId}`);
    expect(
      folders.json._embedded.folders
        .filter((f: { userId: number }) => f.userId === userId)
        .map((f: { type: number }) => f.type),
    ).toEqual([20, 25]);

    expect((await del(`/api/mailboxes/2/users/${userId}`)).status).toBe(204);
    expect((await get(`/api/mailboxes?userId=${userId}`)).json.page.totalElements).toBe(0);
    expect((await del(`/api/mailboxes/2/users/${userId}`)).status).toBe(404);
  });

  it("404 when granting access to an unknown user or mailbox", async () => {
    expect(errorsOf(await put("/api/mailboxes/1/users/999", {}))[0]).toMatchObject({ path: "userId" });
    expect(errorsOf(await put("/api/mailboxes/999/users/7", {}))[0]).toMatchObject({ path: "mailboxId" });
  });

  it("creates custom fields of all five types; dropdown needs options", async () => {
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

    const noOptions = await post("/api/mailboxes/2/custom_fields", { name: "Bad", type: "dropdown" });
    expect(errorsOf(noOptions)).toEqual([expect.objectContaining({ path: "options" })]);
    const optionsOnText = await post("/api/mailboxes/2/custom_fields", {
      name: "Bad",
      type: "singleline",
      options: ["a"],
    });
    expect(optionsOnText.status).toBe(400);
    const badType = await post("/api/mailboxes/2/custom_fields", { name: "Bad", type: "checkbox" });
    expect(errorsOf(badType)[0]?.message).toContain("must be one of: ");
    expect((await post("/api/mailboxes/99/custom_fields", { name: "X", type: "date" })).status).toBe(404);
  });

  it("creates and lists customer field definitions", async () => {
    const res = await post("/api/customer_fields", { name: "Tier", type: "dropdown", options: { "5": "Gold" } });
    expect(res.status).toBe(201);
    const list = await get("/api/customer_fields");
    expect(list.json._embedded.customer_fields.map((f: { name: string }) => f.name)).toEqual([
      "Tier",
      "Gender",
      "Age",
      "Account manager",
    ]);
  });
});

/**
 * FreeScout's API module (1.0.87) as integrations were tested against it: one test per row of
 * the "Users and mailboxes", "Tags, timelogs, webhooks" and "Folders" sections of
 * module-behaviour.md. Each sends the request the module accepts and reads the module's effect
 * back through the API.
 */
import { del, errorsOf, get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { folderCounterMismatches } from "@test/support/invariants";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const lineItemTexts = async (id: number) =>
  (await get(`/api/conversations/${id}`)).json._embedded.threads
    .filter((t: { type: string }) => t.type === "lineitem")
    .map((t: { action: { text: string } }) => t.action.text);

describe("Users and mailboxes", () => {
  it("H: Delete User reassigns per assignTo[MAILBOX], otherwise unassigns, with line items", async () => {
    // Conversation 7 (mailbox 1) is assigned to user 7; conversation 1 to user 1.
    expect((await del("/api/users/7?byUserId=1&assignTo[1]=15")).status).toBe(204);
    expect((await get("/api/conversations/7")).json.assignee).toMatchObject({ id: 15 });
    expect((await lineItemTexts(7))[0]).toBe("Ada Admin assigned conversation to Mark Agent");
    expect((await del("/api/users/15?byUserId=1")).status).toBe(204);
    expect((await get("/api/conversations/7")).json.assignee).toBeNull();
    expect((await lineItemTexts(7))[0]).toBe("Ada Admin unassigned conversation");
    expect(await folderCounterMismatches()).toEqual([]);
  });

  it("H: Delete User: 404 unknown; 400 already deleted, last admin, invalid byUserId", async () => {
    expect((await del("/api/users/999?byUserId=1")).status).toBe(404);
    expect(errorsOf(await del("/api/users/1?byUserId=7"))[0]!.message).toBe("Administrator can not be deleted");
    expect(errorsOf(await del("/api/users/7?byUserId=999"))[0]!.message).toBe(
      "User (byUserId) with the following ID not found: 999",
    );
    expect((await del("/api/users/7?byUserId=1")).status).toBe(204);
    expect(errorsOf(await del("/api/users/7?byUserId=1"))[0]!.message).toBe("User is already deleted: 7");
  });

  it("M: List Users sorts by id descending", async () => {
    const ids = (await get("/api/users")).json._embedded.users.map((u: { id: number }) => u.id);
    expect(ids).toEqual([33, 15, 7, 1]);
  });

  it("M: List Mailboxes with the userId of an admin, or of an unknown user, returns every mailbox", async () => {
    // Admin 1 has a grant for mailbox 1 only.
    expect((await get("/api/mailboxes?userId=1")).json.page.totalElements).toBe(2);
    expect((await get("/api/mailboxes?userId=999")).json.page.totalElements).toBe(2);
    expect((await get("/api/mailboxes?userId=7")).json.page.totalElements).toBe(1);
  });

  it("H: admins act on every mailbox: a conversation moved keeps its admin assignee", async () => {
    expect((await put("/api/conversations/1", { byUser: 33, mailboxId: 2 })).status).toBe(204);
    expect((await get("/api/conversations/1")).json).toMatchObject({ mailboxId: 2, assignee: { id: 1 } });
  });

  it("M: Create User: an email equal to a mailbox's address is a 400", async () => {
    const res = await post("/api/users", { firstName: "A", lastName: "B", email: "support@support.example.org" });
    expect(res.status).toBe(400);
  });
});

describe("Tags, timelogs, webhooks", () => {
  it("L: non-string tags are skipped", async () => {
    expect((await put("/api/conversations/1/tags", { tags: ["vip", ["nested"], { name: "x" }] })).status).toBe(204);
    const tags = (await get("/api/conversations/1", { query: { embed: "tags" } })).json._embedded.tags;
    expect(tags.map((t: { name: string }) => t.name)).toEqual(["vip"]);
  });

  it("L: timelogs of an unknown conversation: 200 with an empty list", async () => {
    const res = await get("/api/conversations/999/timelogs");
    expect(res.status).toBe(200);
    expect(res.json._embedded.timelogs).toEqual([]);
  });

  it("M: Create Webhook `events` as a comma-separated string; unknown events dropped", async () => {
    const res = await post("/api/webhooks", {
      url: "https://example.org/hook",
      events: "convo.created,convo.unknown,customer.updated",
    });
    expect(res.status).toBe(201);
    expect(res.json.events).toEqual(["convo.created", "customer.updated"]);
  });

  it("M: Create Webhook: 400 only when no known event remains", async () => {
    const res = await post("/api/webhooks", { url: "https://example.org/hook", events: "convo.unknown" });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]).toMatchObject({ path: "events" });
  });

  it("M: webhook responses carry lastRunTime and lastRunError", async () => {
    const res = await post("/api/webhooks", { url: "https://example.org/hook", events: ["convo.created"] });
    expect(res.json).toMatchObject({ lastRunTime: null, lastRunError: "" });
    const listed = (await get("/api/webhooks")).json._embedded.webhooks.at(-1);
    expect(listed).toMatchObject({ id: res.json.id, lastRunTime: null, lastRunError: "" });
  });
});

describe("Folders", () => {
  it("M: the Deleted folder's type is 70 (FreeScout core)", async () => {
    const types = (await get("/api/mailboxes/1/folders")).json._embedded.folders.map(
      (f: { type: number; name: string }) => [f.name, f.type],
    );
    expect(types).toContainEqual(["Deleted", 70]);
    expect(types.map(([, type]: [string, number]) => type)).not.toContain(110);
  });
});

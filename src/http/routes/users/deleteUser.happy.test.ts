import { env } from "cloudflare:test";
import { del, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { folderCounterMismatches, misfiledConversations } from "@test/support/invariants";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import { deleteUser } from "../../../domain/users";

beforeEach(resetToDemoData);

/** A conversation in the mailbox assigned to the user; returns its id. */
async function assignedConversation(mailboxId: number, assignTo: number, status = "active") {
  const res = await post("/api/conversations", {
    type: "email",
    mailboxId,
    subject: "Help",
    status,
    assignTo,
    customer: { email: "delete-user@example.org" },
    threads: [{ type: "customer", text: "Hello", customer: { email: "delete-user@example.org" } }],
  });
  expect(res.status).toBe(201);
  return res.json.id as number;
}

const lineItems = async (id: number) =>
  (await get(`/api/conversations/${id}`)).json._embedded.threads
    .filter((t: { type: string }) => t.type === "lineitem")
    .map((t: { action: { text: string }; assignedTo: { id: number } | null; createdBy: { id: number } }) => ({
      text: t.action.text,
      assignedTo: t.assignedTo?.id ?? null,
      createdBy: t.createdBy.id,
    }));

describe("Delete User", () => {
  it("hands the user's conversations to assignTo[mailbox], unassigns the rest, with line items, in one go", async () => {
    // User 33 works in mailboxes 1 and 2.
    const inOne = await assignedConversation(1, 33);
    const inTwo = await assignedConversation(2, 33);
    const closedInTwo = await assignedConversation(2, 33, "closed");
    const res = await del("/api/users/33?byUserId=1&assignTo[2]=7");
    expect(res.status).toBe(204);

    const one = (await get(`/api/conversations/${inOne}`)).json;
    expect(one.assignee).toBeNull();
    const unassignedFolder = (await get("/api/mailboxes/1/folders")).json._embedded.folders.find(
      (f: { type: number }) => f.type === 1,
    );
    expect(one.folderId).toBe(unassignedFolder.id);
    expect((await lineItems(inOne))[0]).toEqual({
      text: "Ada Admin unassigned conversation",
      assignedTo: null,
      createdBy: 1,
    });

    for (const id of [inTwo, closedInTwo]) {
      expect((await get(`/api/conversations/${id}`)).json.assignee).toMatchObject({ id: 7 });
      expect((await lineItems(id))[0]).toEqual({
        text: "Ada Admin assigned conversation to Sam Support",
        assignedTo: 7,
        createdBy: 1,
      });
    }
    expect(await folderCounterMismatches()).toEqual([]);
    expect(await misfiledConversations()).toEqual([]);
  });

  it("marks the user deleted, frees its email, removes its mailbox access and folders", async () => {
    expect((await del("/api/users/33?byUserId=1")).status).toBe(204);
    const user = (await get("/api/users/33")).json;
    expect(user.email).toMatch(/^olivia@support\.example\.org_deleted\d{14}$/);
    const folders = (await get("/api/mailboxes/2/folders?userId=33")).json._embedded.folders;
    expect(folders.filter((f: { userId: number | null }) => f.userId !== null)).toEqual([]);
    expect((await get("/api/mailboxes?userId=33")).json.page.totalElements).toBe(0);
    const row = await env.DB.prepare("SELECT status FROM users WHERE id = 33").first();
    expect(row).toEqual({ status: "deleted" });
    // The email is free again.
    const again = await post("/api/users", {
      firstName: "Olivia",
      lastName: "Owner",
      email: "olivia@support.example.org",
    });
    expect(again.status).toBe(201);
  });

  it("fires convo.assigned for each conversation it changed, as Update Conversation does", async () => {
    const first = await assignedConversation(1, 15);
    const second = await assignedConversation(1, 15, "pending");
    const services = testServices();
    const result = await deleteUser(services, { userId: 15, byUserId: 1, assignTo: { 1: 33 } });
    expect(result.events.map((e) => e.event)).toEqual(["convo.assigned", "convo.assigned"]);
    const payloads = await Promise.all(
      result.events.map(async (e) => (typeof e.payload === "function" ? await e.payload() : e.payload)),
    );
    expect(payloads.map((p) => (p as { id: number; assignee: { id: number } }).assignee.id)).toEqual([33, 33]);
    expect(payloads.map((p) => (p as { id: number }).id).sort()).toEqual([first, second].sort());
  });

  it("a user without conversations is deleted with no line items and no events", async () => {
    const services = testServices();
    const result = await deleteUser(services, { userId: 15, byUserId: 33, assignTo: {} });
    expect(result.events).toEqual([]);
    expect((await get("/api/users/15")).json.email).toContain("_deleted");
  });

  it("an admin can be deleted while another admin remains", async () => {
    await env.DB.prepare("UPDATE users SET role = 'admin' WHERE id = 33").run();
    expect((await del("/api/users/1?byUserId=33")).status).toBe(204);
    // Conversation 1 was user 1's.
    expect((await get("/api/conversations/1")).json.assignee).toBeNull();
  });
});

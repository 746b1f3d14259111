import { get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { folderCounterMismatches, misfiledConversations } from "@test/support/invariants";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const lineItems = async (id = 1) =>
  (await get(`/api/conversations/${id}`)).json._embedded.threads
    .filter((t: { type: string }) => t.type === "lineitem")
    .map((t: { action: { type: string; text: string } }) => t.action);

describe("Update Conversation", () => {
  it("applies the document's example (subject 0 included) and records its line items in order", async () => {
    const body = { byUser: 33, status: "active", assignTo: 15, mailboxId: 1, customerId: 7, subject: 0 };
    const res = await put("/api/conversations/1", body);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const conversation = (await get("/api/conversations/1")).json;
    expect(conversation).toMatchObject({ subject: "0", assignee: { id: 15 }, customer: { id: 7 }, status: "active" });
    expect(conversation.userUpdatedAt).not.toBeNull();
    // Newest first: the customer change, then the assignment (status and mailbox did not change).
    expect((await lineItems()).slice(0, 2)).toEqual([
      {
        type: "changed-ticket-customer",
        text: "Olivia Owner changed the customer to Ann Chen",
        associatedEntities: [],
      },
      {
        type: "changed-ticket-assignee",
        text: "Olivia Owner assigned conversation to Mark Agent",
        associatedEntities: [],
      },
    ]);
    expect(await folderCounterMismatches()).toEqual([]);
  });

  it("applies changes in the order of the body's keys", async () => {
    await put("/api/conversations/1", { byUser: 1, assignTo: 7, status: "closed" });
    expect((await lineItems()).slice(0, 2).map((a: { type: string }) => a.type)).toEqual([
      "changed-ticket-status",
      "changed-ticket-assignee",
    ]);
    await put("/api/conversations/1", { byUser: 1, status: "active", assignTo: 15 });
    expect((await lineItems()).slice(0, 2).map((a: { type: string }) => a.type)).toEqual([
      "changed-ticket-assignee",
      "changed-ticket-status",
    ]);
  });

  it("closing sets closedBy/closedAt and files it in Closed; re-opening clears them", async () => {
    await put("/api/conversations/1", { byUser: 33, status: "closed" });
    let conversation = (await get("/api/conversations/1")).json;
    expect(conversation).toMatchObject({ status: "closed", closedBy: 33, closedByUser: { id: 33 } });
    expect(conversation.closedAt).not.toBeNull();
    expect((await lineItems())[0].text).toBe("Olivia Owner marked as Closed");
    const folders = (await get("/api/mailboxes/1/folders")).json._embedded.folders;
    expect(conversation.folderId).toBe(folders.find((f: { type: number }) => f.type === 60).id);
    await put("/api/conversations/1", { byUser: 33, status: "pending" });
    conversation = (await get("/api/conversations/1")).json;
    expect(conversation).toMatchObject({ status: "pending", closedBy: null, closedAt: null });
    expect(await folderCounterMismatches()).toEqual([]);
    expect(await misfiledConversations()).toEqual([]);
  });

  it("moves to another mailbox: re-filed there, handed to byUser when the assignee has no access (FreeScout)", async () => {
    // User 15 works in mailbox 1 only.
    await put("/api/conversations/1", { byUser: 1, assignTo: 15 });
    await put("/api/conversations/1", { byUser: 33, mailboxId: 2 });
    const conversation = (await get("/api/conversations/1")).json;
    expect(conversation).toMatchObject({ mailboxId: 2, assignee: { id: 33 } });
    const folders = (await get("/api/mailboxes/2/folders")).json._embedded.folders;
    expect(conversation.folderId).toBe(folders.find((f: { type: number }) => f.type === 40).id);
    expect((await lineItems())[0]).toMatchObject({ type: "moved-from-mailbox" });
    expect(await folderCounterMismatches()).toEqual([]);
    expect(await misfiledConversations()).toEqual([]);
  });

  it("moves to another mailbox: an admin assignee keeps the conversation (admins work in every mailbox)", async () => {
    // Conversation 1 is assigned to user 1, an admin without a grant for mailbox 2.
    await put("/api/conversations/1", { byUser: 33, mailboxId: 2 });
    expect((await get("/api/conversations/1")).json).toMatchObject({ mailboxId: 2, assignee: { id: 1 } });
    expect(await folderCounterMismatches()).toEqual([]);
  });

  it("unassigns with null", async () => {
    await put("/api/conversations/1", { byUser: 33, assignTo: null });
    expect((await get("/api/conversations/1")).json.assignee).toBeNull();
    expect((await lineItems())[0].text).toBe("Olivia Owner unassigned conversation");
    expect(await folderCounterMismatches()).toEqual([]);
  });

  it("changing only the subject needs no byUser and records no line item", async () => {
    expect((await put("/api/conversations/1", { subject: "Refund request" })).status).toBe(204);
    expect((await get("/api/conversations/1")).json.subject).toBe("Refund request");
    expect(await lineItems()).toHaveLength(1);
  });
});

import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Get Conversation", () => {
  it("returns the document's shape for the demo conversation, threads newest first", async () => {
    const res = await get("/api/conversations/1", { query: { embed: "threads" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: 1,
      number: 1,
      threadsCount: 4,
      type: "email",
      status: "active",
      state: "published",
      subject: "Refund",
      preview: "Thank you very much!",
      mailboxId: 1,
      assignee: { id: 1, type: "user", firstName: "Ada", lastName: "Admin", email: "admin@support.example.org" },
      createdBy: { id: 1, type: "customer", email: "rodney@example.org" },
      createdAt: "2020-03-15T22:46:22Z",
      closedBy: null,
      closedByUser: null,
      closedAt: null,
      customerWaitingSince: { time: "2020-03-16T09:57:23Z", latestReplyFrom: "customer" },
      source: { type: "email", via: "customer" },
      cc: ["fox@example.org"],
      bcc: [],
      customer: { id: 1, type: "customer", firstName: "Rodney", lastName: "Robertson", email: "rodney@example.org" },
      customFields: [
        { id: 18, name: "Priority", value: "2", text: "Medium" },
        { id: 37, name: "Vendor", value: "Acme Payments", text: "" },
      ],
    });
    expect(res.json.customerWaitingSince.friendly).toMatch(/ago$/);
    const threads = res.json._embedded.threads;
    expect(threads.map((t: { id: number }) => t.id)).toEqual([5, 4, 3, 2, 1]);
    expect(threads[3]).toMatchObject({
      type: "lineitem",
      action: {
        type: "changed-ticket-assignee",
        text: "Sam Support assigned conversation to Ada Admin",
        associatedEntities: [],
      },
      createdBy: { id: 7, type: "user" },
    });
    expect(threads[1]).toMatchObject({ type: "message", openedAt: "2020-03-16T09:30:00Z", to: ["rodney@example.org"] });
    const attachment = threads[4]._embedded.attachments[0];
    expect(attachment).toMatchObject({ id: 1, fileName: "invoice.txt", mimeType: "text/plain", size: 33 });
    expect(attachment.fileUrl).toMatch(/^http:\/\/localhost:8787\/storage\/attachment\/.+\?id=1&token=[0-9a-f]+$/);
    expect(res.json._embedded.timelogs).toBeUndefined();
  });

  it("embeds timelogs and tags on request, and threads only as FreeScout's empty list", async () => {
    const res = await get("/api/conversations/1", { query: { embed: "timelogs,tags" } });
    expect(Object.keys(res.json._embedded).sort()).toEqual(["tags", "threads", "timelogs"]);
    expect(res.json._embedded.threads).toEqual([]);
    expect(res.json._embedded.tags.map((t: { name: string }) => t.name)).toEqual(["overdue", "refund"]);
    expect(res.json._embedded.timelogs.map((t: { id: number }) => t.id)).toEqual([2, 1]);
    expect(res.json._embedded.timelogs[0]).toMatchObject({
      conversationId: 1,
      conversationStatus: "pending",
      timeSpent: 219,
      paused: false,
      finished: true,
    });
  });
});

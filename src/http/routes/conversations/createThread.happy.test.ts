import { env } from "cloudflare:test";
import { del, get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { folderCounterMismatches, threadCountMismatches } from "@test/support/invariants";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const folderOfType = async (type: number, mailboxId = 1) =>
  (await get(`/api/mailboxes/${mailboxId}/folders`)).json._embedded.folders.find(
    (f: { type: number }) => f.type === type,
  );

/** Objects besides the demo conversation's seeded attachment. */
const objectCount = async () => (await env.ATTACHMENTS.list()).objects.filter((o) => !o.key.startsWith("seed/")).length;

/** The document's Create Thread example, verbatim. */
const documentExample = {
  type: "message",
  text: "Plese let us know if you have any other questions.",
  customer: { email: "mark@example.org" },
  user: 33,
  imported: false,
  status: "closed",
  state: "published",
  cc: ["anna@example.org", "bill@example.org"],
  bcc: ["bob@example.org", "andrea@example.org"],
  createdAt: "2020-03-16T14:07:23Z",
  attachments: [
    { fileName: "file.txt", mimeType: "plain/text", data: "ZmlsZQ==" },
    { fileName: "file2.txt", mimeType: "plain/text", fileUrl: "https://example.org/uploads/file2.txt" },
  ],
};

describe("Create Thread", () => {
  it("adds an agent reply: 201 with the thread, conversation pending, preview and waiting time follow", async () => {
    const res = await post("/api/conversations/1/threads", {
      type: "message",
      text: "<p>We are on it &amp; will reply.</p>",
      user: 33,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    expect(res.json).toMatchObject({
      type: "message",
      status: "pending",
      state: "published",
      createdBy: { id: 33, type: "user" },
      customer: { id: 1 },
      to: ["rodney@example.org"],
      source: { type: "api", via: "user" },
      _embedded: { attachments: [] },
    });
    const conversation = (await get("/api/conversations/1")).json;
    expect(conversation).toMatchObject({
      status: "pending",
      threadsCount: 5,
      preview: "We are on it & will reply.",
      customerWaitingSince: { latestReplyFrom: "user" },
    });
    expect(conversation._embedded.threads[0].id).toBe(res.json.id);
    expect(await folderCounterMismatches()).toEqual([]);
    expect(await threadCountMismatches()).toEqual([]);
  });

  it("a customer reply re-activates a closed conversation", async () => {
    await put("/api/conversations/1", { byUser: 33, status: "closed" });
    const res = await post("/api/conversations/1/threads", {
      type: "customer",
      text: "One more thing",
      customer: { id: 1 },
    });
    expect(res.json).toMatchObject({ status: "active", createdBy: { id: 1, type: "customer" } });
    const conversation = (await get("/api/conversations/1")).json;
    expect(conversation).toMatchObject({ status: "active", closedAt: null, folderId: (await folderOfType(40)).id });
    expect(await folderCounterMismatches()).toEqual([]);
  });

  it("a note changes neither status nor preview", async () => {
    await post("/api/conversations/1/threads", { type: "note", text: "internal", user: 7 });
    expect((await get("/api/conversations/1")).json).toMatchObject({
      status: "active",
      preview: "Thank you very much!",
      threadsCount: 5,
    });
  });

  it("an explicit status wins over the reply rule", async () => {
    const res = await post("/api/conversations/1/threads", {
      type: "message",
      text: "Done",
      user: 33,
      status: "closed",
    });
    expect(res.json.status).toBe("closed");
    expect((await get("/api/conversations/1")).json).toMatchObject({ status: "closed", closedBy: 33 });
  });

  it("a draft reply leaves the conversation as it was (FreeScout) until a reply is published", async () => {
    const before = (await get("/api/conversations/1")).json;
    await post("/api/conversations/1/threads", { type: "message", text: "Draft", user: 33, state: "draft" });
    let conversation = (await get("/api/conversations/1")).json;
    expect(conversation).toMatchObject({ state: "published", status: "active", folderId: before.folderId });
    await post("/api/conversations/1/threads", { type: "message", text: "Sent", user: 33 });
    conversation = (await get("/api/conversations/1")).json;
    expect(conversation).toMatchObject({
      state: "published",
      status: "pending",
      folderId: (await folderOfType(40)).id,
    });
    expect(await folderCounterMismatches()).toEqual([]);
  });

  it("a customer reply by a new email creates that customer", async () => {
    const res = await post("/api/conversations/1/threads", {
      type: "customer",
      text: "Hi",
      customer: { email: "New@Example.org", firstName: "Nia" },
    });
    expect(res.json.createdBy).toMatchObject({ type: "customer", email: "new@example.org", firstName: "Nia" });
  });

  it("keeps createdAt only for imported threads", async () => {
    const imported = await post("/api/conversations/1/threads", {
      type: "note",
      text: "old",
      user: 7,
      imported: true,
      createdAt: "2019-01-01T00:00:00Z",
    });
    expect(imported.json.createdAt).toBe("2019-01-01T00:00:00Z");
    const live = await post("/api/conversations/1/threads", {
      type: "note",
      text: "new",
      user: 7,
      createdAt: "2019-01-01T00:00:00Z",
    });
    expect(live.json.createdAt).not.toBe("2019-01-01T00:00:00Z");
  });

  it("stores cc and bcc on the thread and the conversation", async () => {
    const res = await post("/api/conversations/1/threads", {
      type: "message",
      text: "x",
      user: 33,
      cc: ["anna@example.org", "bill@example.org"],
      bcc: ["bob@example.org"],
    });
    expect(res.json).toMatchObject({ cc: ["anna@example.org", "bill@example.org"], bcc: ["bob@example.org"] });
    expect((await get("/api/conversations/1")).json).toMatchObject({
      cc: ["anna@example.org", "bill@example.org"],
      bcc: ["bob@example.org"],
    });
  });
});

describe("Create Thread with attachments", () => {
  it("stores base64 data in R2 and lists it on the thread with a signed link", async () => {
    const res = await post("/api/conversations/1/threads", {
      ...documentExample,
      attachments: [documentExample.attachments[0]],
    });
    expect(res.status).toBe(201);
    const [attachment] = res.json._embedded.attachments;
    expect(attachment).toMatchObject({ fileName: "file.txt", mimeType: "plain/text", size: 4 });
    expect(attachment.fileUrl).toMatch(
      new RegExp(`/storage/attachment/.+/file\\.txt\\?id=${attachment.id}&token=[0-9a-f]{32}$`),
    );
    const objects = (await env.ATTACHMENTS.list()).objects.filter((o) => !o.key.startsWith("seed/"));
    expect(objects).toHaveLength(1);
    expect(await (await env.ATTACHMENTS.get(objects[0]!.key))!.text()).toBe("file");
  });

  it("attachments in Create Conversation threads are stored too", async () => {
    const res = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      subject: "With file",
      customer: { id: 1 },
      threads: [
        { type: "customer", text: "see attached", attachments: [{ fileName: "../../etc/passwd", data: "AAEC/w==" }] },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json._embedded.threads[0]._embedded.attachments[0]).toMatchObject({
      fileName: "passwd",
      mimeType: "application/octet-stream",
      size: 4,
    });
  });

  it("deleting the conversation deletes its objects", async () => {
    await post("/api/conversations/1/threads", { ...documentExample, attachments: [documentExample.attachments[0]] });
    expect(await objectCount()).toBe(1);
    expect((await post("/api/conversations/1/threads", { type: "note", text: "x", user: 7 })).status).toBe(201);
    expect((await del("/api/conversations/1")).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await objectCount()).toBe(0);
  });
});

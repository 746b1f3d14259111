import { errorsOf, get, post, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { folderCounterMismatches, threadCountMismatches } from "@test/support/invariants";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const folderOfType = async (type: number, mailboxId = 1) =>
  (await get(`/api/mailboxes/${mailboxId}/folders`)).json._embedded.folders.find(
    (f: { type: number }) => f.type === type,
  );

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
      source: { type: "email", via: "user" },
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

  it("a draft reply puts the conversation in Drafts until a reply is published", async () => {
    await post("/api/conversations/1/threads", { type: "message", text: "Draft", user: 33, state: "draft" });
    let conversation = (await get("/api/conversations/1")).json;
    expect(conversation).toMatchObject({ state: "draft", status: "active", folderId: (await folderOfType(30)).id });
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

describe("Create Thread errors", () => {
  it.each([
    ["a message without user", { type: "message", text: "x" }, "user"],
    ["a customer reply without customer", { type: "customer", text: "x" }, "customer"],
    ["an unknown user", { type: "note", text: "x", user: 999 }, "user"],
    ["an unknown type", { type: "email", text: "x", user: 7 }, "type"],
    ["no text", { type: "note", user: 7 }, "text"],
    ["an unknown state", { type: "note", text: "x", user: 7, state: "hidden" }, "state"],
  ])("400 for %s, and nothing is written", async (_name, body, path) => {
    const res = await post("/api/conversations/1/threads", body);
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toContain(path);
    expect((await get("/api/conversations/1")).json.threadsCount).toBe(4);
  });

  it("404 for an unknown conversation", async () => {
    expect((await post("/api/conversations/999/threads", { type: "note", text: "x", user: 7 })).status).toBe(404);
  });
});

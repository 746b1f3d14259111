import { env } from "cloudflare:test";
import { errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

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

describe("Create Thread with attachments", () => {
  it("the document's example answers 400 naming the unreachable fileUrl, and writes nothing", async () => {
    const res = await post("/api/conversations/1/threads", documentExample);
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]).toMatchObject({ path: "attachments[1].fileUrl", source: "JSON" });
    expect((await get("/api/conversations/1")).json.threadsCount).toBe(4);
    expect(await objectCount()).toBe(0);
  });

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
    const { del } = await import("@test/support/api");
    expect((await del("/api/conversations/1")).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await objectCount()).toBe(0);
  });

  it("400 for invalid base64, and nothing is stored", async () => {
    const res = await post("/api/conversations/1/threads", {
      type: "note",
      text: "x",
      user: 7,
      attachments: [
        { fileName: "a.txt", data: "ZmlsZQ==" },
        { fileName: "b.txt", data: "not base64!" },
      ],
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]!.path).toBe("attachments[1].data");
    expect(await objectCount()).toBe(0);
  });
});

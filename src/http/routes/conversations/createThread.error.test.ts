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

describe("Create Thread errors", () => {
  it.each([
    ["a message without user", { type: "message", text: "x" }, "user"],
    ["an unknown user", { type: "note", text: "x", user: 999 }, "user"],
    ["no text", { type: "note", user: 7 }, "text"],
    ["an unknown customer id", { type: "customer", text: "x", customer: { id: 999 } }, "customer"],
  ])("400 for %s, and nothing is written", async (_name, body, path) => {
    const res = await post("/api/conversations/1/threads", body);
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toContain(path);
    expect((await get("/api/conversations/1")).json.threadsCount).toBe(4);
  });

  it("404 for an unknown conversation", async () => {
    expect((await post("/api/conversations/999/threads", { type: "note", text: "x", user: 7 })).status).toBe(404);
  });

  it.each([
    ["no text", { type: "note", user: 7 }],
    ["a message without user", { type: "message", text: "x" }],
    ["an unknown user", { type: "note", text: "x", user: 999 }],
    ["a customer field over its limit", { type: "customer", text: "x", customer: { firstName: "x".repeat(41) } }],
  ])("404 for an unknown conversation before the body is judged: %s", async (_name, body) => {
    const res = await post("/api/conversations/999/threads", body);
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "conversationId", source: "PATH" });
  });
});

describe("Create Thread with attachments: errors", () => {
  it("the document's example answers 400 naming the unreachable fileUrl, and writes nothing", async () => {
    const res = await post("/api/conversations/1/threads", documentExample);
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]).toMatchObject({ path: "attachments[1].fileUrl", source: "JSON" });
    expect((await get("/api/conversations/1")).json.threadsCount).toBe(4);
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

import { env } from "cloudflare:test";
import { del, errorsOf } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const untouched = async () => {
  expect(await env.DB.prepare("SELECT count(*) AS n FROM attachments").first("n")).toBe(1);
  expect((await env.ATTACHMENTS.list()).objects.map((o) => o.key)).toEqual(["seed/invoice.txt"]);
  expect(await env.DB.prepare("SELECT updated_at FROM conversations WHERE id = 1").first("updated_at")).toBe(
    1584352643,
  );
};

describe("Delete Conversation Attachment refuses", () => {
  it.each([
    ["an unknown attachment", "/api/conversations/1/attachments/999", "attachmentId"],
    ["an unknown conversation", "/api/conversations/999/attachments/1", "conversationId"],
  ])("%s: 404, nothing changes", async (_name, path, field) => {
    const res = await del(path);
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: field, source: "PATH" });
    await untouched();
  });

  it("an attachment already deleted: 404", async () => {
    expect((await del("/api/conversations/1/attachments/1")).status).toBe(204);
    expect((await del("/api/conversations/1/attachments/1")).status).toBe(404);
  });
});

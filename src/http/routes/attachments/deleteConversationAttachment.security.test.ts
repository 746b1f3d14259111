import { env } from "cloudflare:test";
import { call, del, errorsOf } from "@test/support/api";
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

describe("Delete Conversation Attachment: access", () => {
  it("an attachment of another conversation is a 404 and stays", async () => {
    const res = await del("/api/conversations/7/attachments/1");
    expect(res.status).toBe(404);
    expect(errorsOf(res)[0]).toMatchObject({ path: "attachmentId", rejectedValue: 1 });
    await untouched();
    expect(await env.DB.prepare("SELECT updated_at FROM conversations WHERE id = 7").first("updated_at")).toBe(
      1596970000,
    );
  });

  it.each([null, "wrong-key"])("with key %s: 401 and nothing changes", async (key) => {
    expect((await call("DELETE", "/api/conversations/1/attachments/1", { key })).status).toBe(401);
    await untouched();
  });
});

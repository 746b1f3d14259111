import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { post } from "../../test/support/api";
import { resetToDemoData } from "../../test/support/db";
import { createDb } from "../db/client";
import { sweepOrphanAttachments } from "./orphans";

beforeEach(resetToDemoData);

describe("sweepOrphanAttachments", () => {
  it("deletes old objects without a row, keeps referenced and young ones", async () => {
    const res = await post("/api/conversations/1/threads", { type: "note", text: "x", user: 7, attachments: [{ fileName: "kept.txt", data: btoa("kept") }] });
    expect(res.status).toBe(201);
    await env.ATTACHMENTS.put("attachments/orphan-1", "lost");
    const later = Date.now() + 2 * 60 * 60 * 1000;
    expect(await sweepOrphanAttachments(env, createDb(env.DB), Date.now())).toEqual({ checked: 0, deleted: 0 });
    expect(await sweepOrphanAttachments(env, createDb(env.DB), later)).toEqual({ checked: 2, deleted: 1 });
    const keys = (await env.ATTACHMENTS.list()).objects.map((o) => o.key);
    expect(keys).not.toContain("attachments/orphan-1");
    expect(keys.filter((k) => k.startsWith("attachments/"))).toHaveLength(1);
    expect(keys).toContain("seed/invoice.txt");
  });
});

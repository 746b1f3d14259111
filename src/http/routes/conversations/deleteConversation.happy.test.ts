import { env } from "cloudflare:test";
import { del, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { folderCounterMismatches, tagCounterMismatches } from "@test/support/invariants";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const rowsOf = async (id: number) =>
  env.DB.prepare(
    `SELECT (SELECT count(*) FROM threads WHERE conversation_id = ?1) AS threads,
      (SELECT count(*) FROM attachments WHERE conversation_id = ?1) AS attachments,
      (SELECT count(*) FROM conversation_tags WHERE conversation_id = ?1) AS tags,
      (SELECT count(*) FROM timelogs WHERE conversation_id = ?1) AS timelogs`,
  )
    .bind(id)
    .first();

describe("Delete Conversation", () => {
  it("deletes forever with threads, attachments, tags, field values and timelogs; counters follow", async () => {
    expect(await rowsOf(1)).toEqual({ threads: 5, attachments: 1, tags: 2, timelogs: 2 });
    const res = await del("/api/conversations/1");
    expect(res.status).toBe(204);
    expect((await get("/api/conversations/1")).status).toBe(404);
    expect(await rowsOf(1)).toEqual({ threads: 0, attachments: 0, tags: 0, timelogs: 0 });
    expect(await folderCounterMismatches()).toEqual([]);
    expect(await tagCounterMismatches()).toEqual([]);
    const overdue = (await get("/api/tags")).json._embedded.tags.find((t: { name: string }) => t.name === "overdue");
    expect(overdue.counter).toBe(1);
  });
});

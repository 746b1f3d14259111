import { env } from "cloudflare:test";
import { get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { tagCounterMismatches } from "@test/support/invariants";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const tagNames = async (id = 1) =>
  (await get(`/api/conversations/${id}`, { query: { embed: "tags" } })).json._embedded.tags.map(
    (t: { name: string }) => t.name,
  );

describe("Update Conversation Tags", () => {
  it("applies the document's example", async () => {
    expect((await put("/api/conversations/1/tags", { tags: ["overdue", "refund"] })).status).toBe(204);
    expect(await tagNames()).toEqual(["overdue", "refund"]);
  });

  it("skips entries that are no names (lists, objects, null, blanks) and takes numbers as names, as FreeScout", async () => {
    const res = await put("/api/conversations/1/tags", { tags: ["refund", ["x"], { name: "y" }, null, "  ", 42] });
    expect(res.status).toBe(204);
    expect(await tagNames()).toEqual(["refund", "42"]);
  });

  it("replaces the list, creating unknown tags (trimmed, lower-case), and keeps counters exact", async () => {
    await put("/api/conversations/1/tags", { tags: ["refund", " VIP ", "vip"] });
    expect(await tagNames()).toEqual(["refund", "vip"]);
    const tags = (await get("/api/tags")).json._embedded.tags;
    expect(tags.find((t: { name: string }) => t.name === "vip").counter).toBe(1);
    expect(tags.find((t: { name: string }) => t.name === "overdue").counter).toBe(1);
    expect(await tagCounterMismatches()).toEqual([]);
  });

  it("an empty list removes all tags; List Tags filters by conversationId", async () => {
    await put("/api/conversations/1/tags", { tags: [] });
    expect(await tagNames()).toEqual([]);
    expect(
      (await get("/api/tags", { query: { conversationId: 7 } })).json._embedded.tags.map(
        (t: { name: string }) => t.name,
      ),
    ).toEqual(["overdue"]);
    expect(await tagCounterMismatches()).toEqual([]);
  });

  it("touches the conversation's updatedAt", async () => {
    await env.DB.prepare("UPDATE conversations SET updated_at = 1 WHERE id = 1").run();
    await put("/api/conversations/1/tags", { tags: ["later"] });
    expect((await get("/api/conversations/1")).json.updatedAt).not.toBe("1970-01-01T00:00:01Z");
  });
});

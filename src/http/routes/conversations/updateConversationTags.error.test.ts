import { errorsOf, get, put } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const allTagNames = async () =>
  (await get("/api/tags")).json._embedded.tags.map((t: { name: string }) => t.name) as string[];

describe("Update Conversation Tags errors", () => {
  it("404 for an unknown conversation, creating no tag", async () => {
    expect((await put("/api/conversations/999/tags", { tags: ["ghost"] })).status).toBe(404);
    expect(await allTagNames()).not.toContain("ghost");
  });

  it("400 when tags is missing or not a list of names", async () => {
    expect(errorsOf(await put("/api/conversations/1/tags", {}))[0]!.path).toBe("tags");
    expect(errorsOf(await put("/api/conversations/1/tags", { tags: { a: "b" } }))[0]!.path).toBe("tags");
  });

  it("400 for a name over 100 characters or more than 100 names; nothing changes", async () => {
    const before = await allTagNames();
    expect(errorsOf(await put("/api/conversations/1/tags", { tags: ["x".repeat(101)] }))[0]!.path).toBe("tags[0]");
    const many = Array.from({ length: 101 }, (_, i) => `t${i}`);
    expect(errorsOf(await put("/api/conversations/1/tags", { tags: many }))[0]!.path).toBe("tags");
    expect(await allTagNames()).toEqual(before);
  });
});

import { errorsOf, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Tags errors", () => {
  it.each([
    ["a conversationId that is not a number", { conversationId: "abc" }, "conversationId"],
    ["a fractional conversationId", { conversationId: "1.5" }, "conversationId"],
  ])("400 for %s, naming the QUERY source", async (_name, query, path) => {
    const res = await get("/api/tags", { query });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([expect.objectContaining({ path, source: "QUERY" })]);
  });
});

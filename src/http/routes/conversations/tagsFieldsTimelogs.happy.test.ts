import { errorsOf, get, post, put } from "@test/support/api";
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

  it("404 for an unknown conversation, creating no tag", async () => {
    expect((await put("/api/conversations/999/tags", { tags: ["ghost"] })).status).toBe(404);
    expect((await get("/api/tags")).json._embedded.tags.map((t: { name: string }) => t.name)).not.toContain("ghost");
  });

  it("400 when tags is missing or not a list of names", async () => {
    expect(errorsOf(await put("/api/conversations/1/tags", {}))[0]!.path).toBe("tags");
    expect(errorsOf(await put("/api/conversations/1/tags", { tags: [1] }))[0]!.path).toBe("tags[0]");
  });
});

describe("Update Custom Fields", () => {
  it("applies the document's example and keeps the other values", async () => {
    expect(
      (await put("/api/conversations/1/custom_fields", { customFields: [{ id: 37, value: "Test value" }] })).status,
    ).toBe(204);
    expect((await get("/api/conversations/1")).json.customFields).toEqual([
      { id: 18, name: "Priority", value: "2", text: "Medium" },
      { id: 37, name: "Vendor", value: "Test value", text: "" },
    ]);
  });

  it("sets dropdown, date and number values, and clears with an empty value", async () => {
    await put("/api/conversations/1/custom_fields", {
      customFields: [
        { id: 18, value: 3 },
        { id: 19, value: "2024-02-29" },
        { id: 39, value: 12.5 },
        { id: 37, value: "" },
      ],
    });
    expect((await get("/api/conversations/1")).json.customFields).toEqual([
      { id: 18, name: "Priority", value: "3", text: "High" },
      { id: 19, name: "Purchase Date", value: "2024-02-29", text: "" },
      { id: 39, name: "Amount", value: "12.5", text: "" },
    ]);
  });

  it("parallel updates of different fields all land (merged in one statement, no read-modify-write)", async () => {
    const results = await Promise.all([
      put("/api/conversations/1/custom_fields", { customFields: [{ id: 19, value: "2024-01-01" }] }),
      put("/api/conversations/1/custom_fields", { customFields: [{ id: 38, value: "note" }] }),
      put("/api/conversations/1/custom_fields", { customFields: [{ id: 39, value: 5 }] }),
      put("/api/conversations/1/custom_fields", { customFields: [{ id: 18, value: 1 }] }),
    ]);
    expect(results.map((r) => r.status)).toEqual([204, 204, 204, 204]);
    expect(
      (await get("/api/conversations/1")).json.customFields.map((f: { id: number; value: string }) => [f.id, f.value]),
    ).toEqual([
      [18, "1"],
      [19, "2024-01-01"],
      [37, "Acme Payments"],
      [38, "note"],
      [39, "5"],
    ]);
  });

  it("400 naming each bad entry; nothing is written", async () => {
    const res = await put("/api/conversations/1/custom_fields", {
      customFields: [
        { id: 37, value: "ok" },
        { id: 18, value: "9" },
        { id: 19, value: "2023-02-30" },
        { id: 555, value: "x" },
      ],
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toEqual([
      "customFields[1].value",
      "customFields[2].value",
      "customFields[3].id",
    ]);
    expect((await get("/api/conversations/1")).json.customFields[1].value).toBe("Acme Payments");
  });

  it("404 for an unknown conversation", async () => {
    expect((await put("/api/conversations/999/custom_fields", { customFields: [] })).status).toBe(404);
  });
});

describe("Timelogs", () => {
  it("lists the document's example newest first, paged", async () => {
    const res = await get("/api/conversations/1/timelogs", { query: { page: 1, pageSize: 100 } });
    expect(res.status).toBe(200);
    expect(res.json._embedded.timelogs.map((t: { id: number }) => t.id)).toEqual([2, 1]);
    expect(res.json.page).toEqual({ size: 100, totalElements: 2, totalPages: 1, number: 1 });
    const one = await get("/api/conversations/1/timelogs", { query: { page: 2, pageSize: 1 } });
    expect(one.json._embedded.timelogs.map((t: { id: number }) => t.id)).toEqual([1]);
  });

  it("records a timelog (extension) with the conversation's status by default", async () => {
    const res = await post("/api/conversations/1/timelogs", { userId: 7, timeSpent: 300 });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      conversationId: 1,
      userId: 7,
      timeSpent: 300,
      conversationStatus: "active",
      paused: false,
      finished: true,
    });
    expect(res.headers.get("Resource-ID")).toBe(String(res.json.id));
    expect((await get("/api/conversations/1/timelogs")).json._embedded.timelogs[0].id).toBe(res.json.id);
  });

  it("400 for an unknown user or negative time; 404 for an unknown conversation", async () => {
    expect(errorsOf(await post("/api/conversations/1/timelogs", { userId: 999, timeSpent: 1 }))[0]!.path).toBe(
      "userId",
    );
    expect(errorsOf(await post("/api/conversations/1/timelogs", { userId: 7, timeSpent: -1 }))[0]!.path).toBe(
      "timeSpent",
    );
    expect((await post("/api/conversations/999/timelogs", { userId: 7, timeSpent: 1 })).status).toBe(404);
    expect((await get("/api/conversations/999/timelogs")).status).toBe(404);
  });
});

import { env } from "cloudflare:test";
import { errorsOf, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { documentExample } from "@test/support/examples";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const counts = async () =>
  env.DB.prepare(
    `SELECT (SELECT count(*) FROM conversations) AS conversations, (SELECT count(*) FROM threads) AS threads,
      (SELECT count(*) FROM customers) AS customers, (SELECT sum(total_count) FROM folders) AS filed,
      (SELECT seq FROM sqlite_sequence WHERE name = 'conversations') AS seq`,
  ).first<{ conversations: number; threads: number; customers: number; filed: number }>();

describe("Create Conversation errors", () => {
  it.each([
    ["no threads", { threads: [] }, "threads"],
    ["unknown mailbox", { mailboxId: 999 }, "mailboxId"],
    ["unknown thread user", { threads: [{ type: "note", text: "x", user: 999 }] }, "threads[0].user"],
    ["a message without user", { threads: [{ type: "message", text: "x" }] }, "threads[0].user"],
    ["an empty thread text", { threads: [{ type: "note", text: "", user: 7 }] }, "threads[0].text"],
    ["an unknown customer id", { customer: { id: 999 } }, "customer"],
    ["a customer with neither id, email, phone nor firstName", { customer: { lastName: "Lee" } }, "customer"],
    [
      "threads that are all invalid (one without user, one unknown user)",
      {
        threads: [
          { type: "message", text: "x" },
          { type: "note", text: "y", user: 999 },
        ],
      },
      "threads[0].user",
    ],
    ["an invalid customer email", { customer: { email: "not-an-email" } }, "customer.email"],
    ["a custom field of another mailbox", { customFields: [{ id: 999, value: "x" }] }, "customFields[0].id"],
    ["a dropdown value that is no option id", { customFields: [{ id: 18, value: "High" }] }, "customFields[0].value"],
    ["a date field that is no date", { customFields: [{ id: 19, value: "tomorrow" }] }, "customFields[0].value"],
    ["a number field that is no number", { customFields: [{ id: 39, value: "seven" }] }, "customFields[0].value"],
    ["a createdAt that is no ISO date", { createdAt: "16/03/2020" }, "createdAt"],
  ])("400 for %s, and nothing is written", async (_name, patch, path) => {
    const before = await counts();
    const res = await post("/api/conversations", { ...documentExample, ...patch });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toContain(path);
    const after = await counts();
    expect({ ...after, seq: 0 }).toEqual({ ...before, seq: 0 });
  });

  it("names the field when a body is not JSON at all", async () => {
    const res = await post("/api/conversations", "{not json");
    expect(res.status).toBe(400);
  });
});

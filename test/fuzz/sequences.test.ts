/**
 * Property: after any sequence of operations (creates with attachments, replies, status
 * changes, assignments, moves, tags, customer changes, deletes), the invariants hold:
 * folder and tag counters equal a recount, conversations are filed by the rules, numbers
 * are unique, thread counts are right, every attachment row has its R2 object and no object
 * is left without a row, customer emails are unique.
 */
import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { del, post, put } from "../support/api";
import { resetToDemoData } from "../support/db";
import {
  folderCounterMismatches,
  misfiledConversations,
  tagCounterMismatches,
  threadCountMismatches,
} from "../support/invariants";

const user = fc.constantFrom(1, 7, 15, 33);
const conversationRef = fc.nat({ max: 12 });
const email = fc.constantFrom("a@example.org", "B@example.org", "c@example.org", "rodney@example.org");

const operation = fc.oneof(
  fc.record({
    kind: fc.constant("create" as const),
    mailboxId: fc.constantFrom(1, 2),
    email,
    type: fc.constantFrom("customer", "message", "note"),
    draft: fc.boolean(),
    attach: fc.boolean(),
    assign: fc.option(user, { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("reply" as const),
    ref: conversationRef,
    type: fc.constantFrom("customer", "message", "note"),
    draft: fc.boolean(),
    attach: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("update" as const),
    ref: conversationRef,
    byUser: user,
    status: fc.constantFrom("active", "pending", "closed", "spam"),
    assignTo: fc.option(user, { nil: null }),
    mailboxId: fc.constantFrom(1, 2),
    keys: fc.shuffledSubarray(["status", "assignTo", "mailboxId"], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant("tags" as const),
    ref: conversationRef,
    tags: fc.subarray(["vip", "refund", "overdue", "x"]),
  }),
  fc.record({ kind: fc.constant("customer" as const), email, add: email }),
  fc.record({ kind: fc.constant("delete" as const), ref: conversationRef }),
);

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

async function run(op: Operation, ids: number[]) {
  const target = ids.length ? ids[("ref" in op ? op.ref : 0) % ids.length]! : 1;
  const attachments = (attach: boolean) => (attach ? [{ fileName: "f.txt", data: btoa("file") }] : undefined);
  switch (op.kind) {
    case "create": {
      const res = await post("/api/conversations", {
        type: "email",
        mailboxId: op.mailboxId,
        subject: "fuzz",
        customer: { email: op.email },
        threads: [
          {
            type: op.type,
            text: "x",
            user: 33,
            state: op.draft ? "draft" : "published",
            attachments: attachments(op.attach),
          },
        ],
        ...(op.assign !== undefined && op.mailboxId === 1 ? { assignTo: op.assign } : {}),
      });
      if (res.status === 201) ids.push(res.json.id);
      return res.status;
    }
    case "reply":
      return (
        await post(`/api/conversations/${target}/threads`, {
          type: op.type,
          text: "y",
          ...(op.type === "customer" ? { customer: { id: 1 } } : { user: 33 }),
          state: op.draft ? "draft" : "published",
          attachments: attachments(op.attach),
        })
      ).status;
    case "update": {
      const all = { status: op.status, assignTo: op.assignTo, mailboxId: op.mailboxId } as Record<string, unknown>;
      return (
        await put(`/api/conversations/${target}`, {
          byUser: op.byUser,
          ...Object.fromEntries(op.keys.map((k) => [k, all[k]])),
        })
      ).status;
    }
    case "tags":
      return (await put(`/api/conversations/${target}/tags`, { tags: op.tags })).status;
    case "customer":
      return (await post("/api/customers", { firstName: "F", emails: [{ value: op.email }, { value: op.add }] }))
        .status;
    case "delete": {
      const status = (await del(`/api/conversations/${target}`)).status;
      if (status === 204) ids.splice(ids.indexOf(target), 1);
      return status;
    }
  }
}

async function orphans() {
  await new Promise((resolve) => setTimeout(resolve, 50)); // object deletions run after the response
  const rows = await env.DB.prepare("SELECT r2_key FROM attachments").all<{ r2_key: string }>();
  const keys = new Set(rows.results.map((r) => r.r2_key));
  const objects = (await env.ATTACHMENTS.list({ limit: 1000 })).objects.map((o) => o.key);
  const missing = [...keys].filter((key) => !objects.includes(key));
  const leftover = objects.filter((key) => key.startsWith("attachments/") && !keys.has(key));
  return { missing, leftover };
}

describe("operation sequences", () => {
  it("keep every invariant", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 25 }), async (ops) => {
        await resetToDemoData();
        const ids = [1, 7];
        for (const op of ops) expect([200, 201, 204, 400, 404, 409]).toContain(await run(op, ids));
        expect(await folderCounterMismatches()).toEqual([]);
        expect(await misfiledConversations()).toEqual([]);
        expect(await tagCounterMismatches()).toEqual([]);
        expect(await threadCountMismatches()).toEqual([]);
        expect(
          (await env.DB.prepare("SELECT number FROM conversations GROUP BY number HAVING count(*) > 1").all()).results,
        ).toEqual([]);
        expect(
          (await env.DB.prepare("SELECT email FROM customer_emails GROUP BY lower(email) HAVING count(*) > 1").all())
            .results,
        ).toEqual([]);
        expect(await orphans()).toEqual({ missing: [], leftover: [] });
      }),
      { numRuns: 20, seed: 424242 },
    );
    // 20 sequences of up to 25 requests each: about 3 s alone, more on a busy 2-core machine.
  }, 60_000);
});

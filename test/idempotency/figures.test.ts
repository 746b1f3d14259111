/**
 * The figure issue 19 asks for: 500 concurrent mixed writes, each sent three times with its
 * Idempotency-Key (the first and two replays, all at once), make no duplicate. A copy that
 * meets its first still in progress is told so (409) and retried, as a client would.
 */
import { resetToDemoData } from "@test/support/db";
import { beforeAll, expect, it } from "vitest";
import { countRows, withKey } from "./helpers";

const WRITES = 500;
const COPIES = 3;

/** The i-th write: a new conversation, a note, a new customer or a tag change, in turn. */
function write(i: number): { method: string; path: string; body: unknown; creates: string | null } {
  switch (i % 4) {
    case 0:
      return {
        method: "POST",
        path: "/api/conversations",
        body: {
          type: "email",
          mailboxId: 1,
          subject: `Figure ${i}`,
          customer: { email: "rodney@example.org" },
          threads: [{ type: "customer", text: `Hello ${i}`, customer: { email: "rodney@example.org" } }],
        },
        creates: "conversations",
      };
    case 1:
      return {
        method: "POST",
        path: "/api/conversations/1/threads",
        body: { type: "note", text: `Note ${i}`, user: 1 },
        creates: "threads",
      };
    case 2:
      return {
        method: "POST",
        path: "/api/customers",
        body: { firstName: `Person ${i}`, emails: [{ value: `p${i}@example.org` }] },
        creates: "customers",
      };
    default:
      return { method: "PUT", path: "/api/conversations/1/tags", body: { tags: [`t${i}`] }, creates: null };
  }
}

/** Sends until the answer is not "in progress" (a client retrying a 409 for a key in flight). */
async function send(key: string, request: ReturnType<typeof write>) {
  for (let attempt = 0; ; attempt++) {
    const res = await withKey(key, request.method, request.path, { body: request.body });
    if (res.status !== 409 || attempt > 50) return res;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(resetToDemoData);

it(`${WRITES} concurrent mixed writes, each sent ${COPIES} times with its key: no duplicate`, {
  timeout: 180_000,
}, async () => {
  const before = {
    conversations: await countRows("conversations"),
    threads: await countRows("threads"),
    customers: await countRows("customers"),
  };
  const answers = new Map<number, { status: number; text: string }[]>();
  const jobs = Array.from({ length: WRITES }, (_, i) => i).flatMap((i) =>
    Array.from({ length: COPIES }, () => async () => {
      const res = await send(`figure-${i}`, write(i));
      answers.set(i, [...(answers.get(i) ?? []), { status: res.status, text: res.text }]);
    }),
  );
  // 50 requests in flight at a time, copies of one write side by side.
  for (let start = 0; start < jobs.length; start += 50)
    await Promise.all(jobs.slice(start, start + 50).map((job) => job()));

  const created = { conversations: 0, threads: 0, customers: 0 };
  for (let i = 0; i < WRITES; i++) {
    const copies = answers.get(i)!;
    expect(copies).toHaveLength(COPIES);
    // Every copy got the one answer the work gave.
    expect(new Set(copies.map((copy) => `${copy.status} ${copy.text}`)).size, `write ${i}`).toBe(1);
    expect(copies[0]!.status).toBeLessThan(300);
    const creates = write(i).creates as keyof typeof created | null;
    if (creates) created[creates]++;
  }
  expect(await countRows("conversations")).toBe(before.conversations + created.conversations);
  expect(await countRows("customers")).toBe(before.customers + created.customers);
  // A new conversation adds its one thread; each note one.
  expect(await countRows("threads")).toBe(before.threads + created.threads + created.conversations);
});

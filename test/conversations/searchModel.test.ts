/**
 * Property: for random conversations (subjects and thread bodies from a small vocabulary,
 * thread states and types, tags, statuses, assignees, custom field values) and random
 * queries of the search language, List Conversations answers exactly the conversations a
 * brute-force scan in JavaScript finds, and counts them.
 */
import { env } from "cloudflare:test";
import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { listConversations } from "../../src/domain/conversations/list";
import type { SearchNode } from "../../src/domain/conversations/search/ast";
import type { CustomFieldFilter } from "../../src/domain/conversations/search/customFields";
import { printQuery } from "../../src/domain/conversations/search/print";

const WORDS = ["alpha", "beta", "gamma", "Delta", "café", "crème"];
const QUERY_WORDS = ["alpha", "BETA", "gamma", "delta", "cafe", "CRÈME", "creme", "zeta"];
const TAGS = ["vip", "billing", "urgent"];
const EMAILS = ["ann@example.org", "bob@example.org"];
const PRIORITY = { "1": "Low", "2": "Medium", "3": "High" } as const;
const STATUSES = ["active", "pending", "closed", "spam"] as const;

interface Thread {
  words: string[];
  tags: ("p" | "div" | "b")[];
  state: "published" | "hidden" | "draft";
  type: "customer" | "note" | "lineitem";
}
interface Doc {
  subject: string[];
  threads: Thread[];
  tags: string[];
  status: (typeof STATUSES)[number];
  mailboxId: 1 | 2;
  assigneeId: 1 | 7 | null;
  email: string | null;
  priority: "1" | "2" | "3" | null;
  day: string | null;
  vendor: string | null;
}

const words = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max });
const doc: fc.Arbitrary<Doc> = fc.record({
  subject: words(1, 3),
  threads: fc.array(
    fc.record({
      words: words(0, 5),
      tags: fc.array(fc.constantFrom("p", "div", "b"), { minLength: 5, maxLength: 5 }),
      state: fc.constantFrom("published", "published", "hidden", "draft"),
      type: fc.constantFrom("customer", "note", "lineitem"),
    }),
    { maxLength: 3 },
  ),
  tags: fc.subarray(TAGS),
  status: fc.constantFrom(...STATUSES),
  mailboxId: fc.constantFrom(1, 2),
  assigneeId: fc.constantFrom(1, 7, null),
  email: fc.constantFrom(...EMAILS, null),
  priority: fc.constantFrom("1", "2", "3", null),
  day: fc.constantFrom("2026-01-10", "2026-02-20", "2026-03-30", null),
  vendor: fc.constantFrom("Acme", "Acme Payments", null),
});

/** A thread body as HTML: each word wrapped whole in a random tag. */
const html = (thread: Thread) =>
  thread.words
    .map((word, i) => (thread.tags[i] === "b" ? `<b>${word}</b> ` : `<${thread.tags[i]}>${word}</${thread.tags[i]}>`))
    .join("");

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const counted = (thread: Thread) => thread.state === "published" && thread.type !== "lineitem";
const hasPhrase = (tokens: string[], phrase: string[]) =>
  phrase.length > 0 && tokens.some((_, i) => phrase.every((word, j) => tokens[i + j] === word));

const inRange = (value: string | null, from: string, to: string) =>
  value !== null && (from === "" || value >= from) && (to === "" || value <= to);

function customFieldMatches(d: Doc, filter: CustomFieldFilter): boolean {
  const value = filter.value.trim();
  if (filter.fieldId === 18)
    return d.priority !== null && (d.priority === value || PRIORITY[d.priority].toLowerCase() === value.toLowerCase());
  if (filter.fieldId === 19) {
    const range = /^(.*)\.\.(.*)$/.exec(value);
    return range ? inRange(d.day, range[1]!, range[2]!) : d.day === value;
  }
  return d.vendor === value;
}

function model(d: Doc, node: SearchNode): boolean {
  switch (node.kind) {
    case "and":
      return node.items.every((item) => model(d, item));
    case "or":
      return node.items.some((item) => model(d, item));
    case "not":
      return !model(d, node.item);
    case "text": {
      const phrase = fold(node.value);
      const subject = fold(d.subject.join(" "));
      const body = fold(
        d.threads
          .filter(counted)
          .flatMap((t) => t.words)
          .join(" "),
      );
      return (
        (node.field !== "body" && hasPhrase(subject, phrase)) || (node.field !== "subject" && hasPhrase(body, phrase))
      );
    }
    case "email":
      return d.email === node.value.toLowerCase();
    case "tag":
      return d.tags.includes(node.value.toLowerCase());
    case "status":
      return d.status === node.value;
    case "mailbox":
      return d.mailboxId === node.id;
    case "assigned":
      return d.assigneeId === node.id;
    case "customField":
      return customFieldMatches(d, node);
  }
}

const phraseValue = fc
  .array(fc.constantFrom(...QUERY_WORDS), { minLength: 1, maxLength: 2 })
  .map((parts) => parts.join(" "));
const fieldFilter: fc.Arbitrary<CustomFieldFilter> = fc.oneof(
  fc.record({ fieldId: fc.constant(18), value: fc.constantFrom("1", "3", "Low", "high", " Medium ") }),
  fc.record({
    fieldId: fc.constant(19),
    value: fc.constantFrom("2026-02-20", "2026-01-01..2026-02-20", "2026-02-21..", "..2026-02-20"),
  }),
  fc.record({ fieldId: fc.constant(37), value: fc.constantFrom("Acme", "Acme Payments") }),
);
const term: fc.Arbitrary<SearchNode> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("text"),
      field: fc.constantFrom("any", "subject", "body"),
      value: phraseValue,
    }),
    weight: 4,
  },
  fc.record({ kind: fc.constant("tag"), value: fc.constantFrom(...TAGS, "VIP", "none") }),
  fc.record({ kind: fc.constant("status"), value: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant("email"), value: fc.constantFrom(...EMAILS, "ANN@example.org") }),
  fc.record({ kind: fc.constant("mailbox"), id: fc.constantFrom(1, 2) }),
  fc.record({ kind: fc.constant("assigned"), id: fc.constantFrom(1, 7, null) }),
  fieldFilter.map((filter) => ({ kind: "customField" as const, ...filter })),
) as fc.Arbitrary<SearchNode>;
const { query } = fc.letrec<{ query: SearchNode }>((tie) => ({
  query: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    term,
    fc.record({ kind: fc.constantFrom("and", "or"), items: fc.array(tie("query"), { minLength: 2, maxLength: 3 }) }),
    fc.record({ kind: fc.constant("not"), item: tie("query") }),
  ) as fc.Arbitrary<SearchNode>,
}));

const statement = (sql: string, ...params: unknown[]) => env.DB.prepare(sql).bind(...params);

/** The documents as rows, written straight to D1 (the triggers keep the indexes). */
async function store(docs: Doc[]): Promise<number[]> {
  await env.DB.prepare("DELETE FROM conversations").run();
  const ids = docs.map((_, i) => 1000 + i);
  await env.DB.batch(
    docs.flatMap((d, i) => {
      const id = ids[i]!;
      const fields = Object.fromEntries(
        [
          ["18", d.priority],
          ["19", d.day],
          ["37", d.vendor],
        ].filter(([, value]) => value !== null),
      );
      return [
        statement(
          `INSERT INTO conversations (id, number, type, status, state, folder_id, mailbox_id, assignee_id, customer_email,
            source_via, source_type, subject, custom_fields, created_at, updated_at)
           VALUES (?, ?, 'email', ?, 'published', 1, ?, ?, ?, 'customer', 'email', ?, ?, ?, ?)`,
          id,
          id,
          d.status,
          d.mailboxId,
          d.assigneeId,
          d.email,
          d.subject.join(" "),
          JSON.stringify(fields),
          1_700_000_000 + i,
          1_700_000_000 + i,
        ),
        ...d.threads.map((thread, k) =>
          statement(
            `INSERT INTO threads (conversation_id, type, status, state, body, source_via, source_type, created_at, updated_at)
             VALUES (?, ?, 'active', ?, ?, 'user', 'api', ?, ?)`,
            id,
            thread.type,
            thread.state,
            html(thread),
            1_700_000_000 + k,
            1_700_000_000 + k,
          ),
        ),
        ...d.tags.map((tag) =>
          statement(
            "INSERT INTO conversation_tags (conversation_id, tag_id) SELECT ?, id FROM tags WHERE name = ?",
            id,
            tag,
          ),
        ),
      ];
    }),
  );
  return ids;
}

beforeAll(async () => {
  await resetToDemoData();
  await env.DB.batch(TAGS.map((tag) => statement("INSERT OR IGNORE INTO tags (name) VALUES (?)", tag)));
});

describe("search against a brute-force scan", () => {
  it("answers and counts what the scan finds", async () => {
    const services = testServices();
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(query, fc.array(fieldFilter, { maxLength: 2 }), fc.boolean()), {
          minLength: 1,
          maxLength: 4,
        }),
        async (docs, queries) => {
          const ids = await store(docs);
          for (const [tree, fieldFilters, ranked] of queries) {
            const expected = ids.filter(
              (_, i) => model(docs[i]!, tree) && fieldFilters.every((filter) => customFieldMatches(docs[i]!, filter)),
            );
            const { items, total } = await listConversations(services, {
              filters: { query: printQuery(tree), customFields: fieldFilters.length ? fieldFilters : undefined },
              sort: ranked ? { order: "desc" } : { field: "createdAt", order: "asc" },
              embed: new Set(),
              page: { page: 1, size: 100, offset: 0 },
            });
            const found = items.map((item) => item.id);
            expect(ranked ? [...found].sort() : found, printQuery(tree)).toEqual(
              ranked ? [...expected].sort() : expected,
            );
            expect(total).toBe(expected.length);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

/**
 * A customer with personal data in every place an erasure must reach, and the scans that
 * prove none of it is left: every text column of every table, every *customer_id column,
 * every R2 object.
 */
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { deliver } from "../mail/support";
import { post, put } from "./api";
import {
  folderCounterMismatches,
  misfiledConversations,
  tagCounterMismatches,
  threadCountMismatches,
} from "./invariants";

export const PERSON = {
  firstName: "Zelphine",
  lastName: "Quarrington",
  emails: ["zelphine@example.net", "z.quarrington@example.net"] as [string, string],
  phone: "+44 20 7946 0958",
  social: "@zelphineq",
  website: "https://zelphine.example",
};

export interface ErasureFixture {
  customerId: number;
  otherCustomerId: number;
  /** Conversations whose customer it is. */
  own: number[];
  /** Another customer's conversation the customer wrote in. */
  other: number;
  /** R2 objects that hold the customer's data (attachments of its conversations, its raw email). */
  objectKeys: string[];
}

const base64 = (text: string) => btoa(text);

export async function erasureFixture(): Promise<ErasureFixture> {
  const created = await post("/api/customers", {
    firstName: PERSON.firstName,
    lastName: PERSON.lastName,
    company: "Quarrington Ltd",
    notes: "Prefers phone",
    address: { city: "Leeds", address: "1 Quarrington Road" },
    emails: PERSON.emails.map((value) => ({ value })),
    phones: [{ value: PERSON.phone }],
    socialProfiles: [{ value: PERSON.social, type: "twitter" }],
    websites: [{ value: PERSON.website }],
  });
  expect(created.status).toBe(201);
  const customerId = created.json.id as number;

  // An API conversation: the customer's message with an attachment, an agent's reply naming it, a note, a tag, a timelog.
  const first = await post("/api/conversations", {
    type: "email",
    mailboxId: 1,
    subject: "Order 1234",
    customer: { id: customerId },
    cc: ["colleague@example.org"],
    threads: [
      {
        type: "customer",
        text: `My card ends 4242. Regards, ${PERSON.firstName} ${PERSON.lastName}, ${PERSON.phone}`,
        customer: { id: customerId },
        cc: ["colleague@example.org", PERSON.emails[1]],
        attachments: [{ fileName: "passport.txt", mimeType: "text/plain", data: base64("passport scan") }],
      },
      {
        type: "message",
        user: 7,
        text: `Hi ${PERSON.firstName}, we will call you on ${PERSON.phone}. Write to ${PERSON.emails[0].toUpperCase()}.`,
        attachments: [{ fileName: "invoice.txt", mimeType: "text/plain", data: base64("invoice") }],
      },
      { type: "note", user: 7, text: "Checked the order; nothing personal here" },
    ],
    status: "active",
    assignTo: 7,
  });
  expect(first.status).toBe(201);
  expect((await put(`/api/conversations/${first.json.id}/tags`, { tags: ["erasure-vip", "refund"] })).status).toBe(204);
  expect(
    (await post(`/api/conversations/${first.json.id}/timelogs`, { userId: 7, timeSpent: 60 })).status,
  ).toBeLessThan(300);

  // An email from the customer: a conversation with its raw message in R2.
  await deliver(
    [
      `From: ${PERSON.firstName} ${PERSON.lastName} <${PERSON.emails[0]}>`,
      "To: support@support.example.org",
      "Subject: Delivery question",
      "Message-ID: <erasure-1@mail.example.net>",
      "Content-Type: text/plain",
      "",
      `Where is my parcel? ${PERSON.phone}`,
      "",
    ].join("\n"),
    { from: PERSON.emails[0] },
  );
  const emailed = await env.DB.prepare(
    "SELECT conversation_id AS id, raw_r2_key AS rawKey FROM mail_messages WHERE message_id = 'erasure-1@mail.example.net'",
  ).first<{ id: number; rawKey: string }>();
  expect(emailed?.rawKey).toBeTruthy();

  // Another customer's conversation the customer wrote in (as a reply by email to it would).
  const otherRes = await post("/api/conversations", {
    type: "email",
    mailboxId: 1,
    subject: "Shared booking",
    customer: { email: "other-erasure@example.org", firstName: "Olga" },
    cc: [PERSON.emails[0]],
    threads: [{ type: "customer", text: "Booking for two", customer: { email: "other-erasure@example.org" } }],
  });
  expect(otherRes.status).toBe(201);
  const other = otherRes.json.id as number;
  const otherCustomerId = otherRes.json.customer.id as number;
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO threads (conversation_id, type, status, state, body, source_via, source_type, customer_id,
         created_by_customer_id, "to", cc, bcc, created_at, updated_at)
       VALUES (?, 'customer', 'active', 'published', ?, 'customer', 'email', ?, ?, '[]', ?, '[]', 1700000000, 1700000000)`,
    ).bind(
      other,
      `I am ${PERSON.firstName}, the second guest`,
      otherCustomerId,
      customerId,
      JSON.stringify([PERSON.emails[0]]),
    ),
    env.DB.prepare("UPDATE conversations SET threads_count = threads_count + 1 WHERE id = ?").bind(other),
  ]);

  const keys = await env.DB.prepare(
    `SELECT r2_key AS key FROM attachments WHERE conversation_id IN (?, ?)
     UNION ALL SELECT raw_r2_key FROM mail_messages WHERE conversation_id IN (?, ?) AND raw_r2_key IS NOT NULL`,
  )
    .bind(first.json.id, emailed!.id, first.json.id, emailed!.id)
    .all<{ key: string }>();
  return {
    customerId,
    otherCustomerId,
    own: [first.json.id, emailed!.id],
    other,
    objectKeys: keys.results.map((row) => row.key),
  };
}

type Hit = { table: string; column: string; needle: string };

/** Every place of the database that still holds one of the person's emails, names, phone or profiles. */
export async function personalDataLeft(customerId: number): Promise<Hit[]> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE '%_fts_%'",
  ).all<{ name: string }>();
  const hits: Hit[] = [];
  const insensitive = [...PERSON.emails, PERSON.social, PERSON.website];
  const sensitive = [PERSON.firstName, PERSON.lastName, PERSON.phone];
  for (const { name: table } of tables.results) {
    const columns = await env.DB.prepare(`SELECT name, type FROM pragma_table_info('${table}')`).all<{
      name: string;
      type: string;
    }>();
    for (const { name: column, type } of columns.results) {
      if (column.endsWith("customer_id") && table !== "customer_erasures") {
        const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${table}" WHERE "${column}" = ?`)
          .bind(customerId)
          .first<{ n: number }>();
        if (row!.n) hits.push({ table, column, needle: `id ${customerId}` });
      }
      if (!/text|char|clob|^$/i.test(type)) continue;
      for (const needle of [...insensitive, ...sensitive]) {
        const caseless = insensitive.includes(needle);
        const where = caseless ? `instr(lower("${column}"), ?) > 0` : `instr("${column}", ?) > 0`;
        const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`)
          .bind(caseless ? needle.toLowerCase() : needle)
          .first<{ n: number }>();
        if (row!.n) hits.push({ table, column, needle });
      }
    }
  }
  // Full-text indexes (contentless ones show no columns): the person's words must not be found.
  const indexes = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'",
  ).all<{ name: string }>();
  for (const { name: table } of indexes.results) {
    for (const needle of [PERSON.firstName, PERSON.lastName]) {
      const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${table}" WHERE "${table}" MATCH ?`)
        .bind(`"${needle}"`)
        .first<{ n: number }>();
      if (row!.n) hits.push({ table, column: "(index)", needle });
    }
  }
  return hits;
}

/** The given R2 objects that still exist. */
export async function objectsLeft(keys: string[]): Promise<string[]> {
  const all: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.ATTACHMENTS.list({ cursor });
    all.push(...page.objects.map((object) => object.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys.filter((key) => all.includes(key));
}

export async function expectCountersExact() {
  expect(await folderCounterMismatches()).toEqual([]);
  expect(await tagCounterMismatches()).toEqual([]);
  expect(await threadCountMismatches()).toEqual([]);
  expect(await misfiledConversations()).toEqual([]);
}

/** Row counts of every ordinary table: a request that must change nothing leaves them equal. */
export async function rowCounts(): Promise<Record<string, number>> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE '%_fts%'",
  ).all<{ name: string }>();
  const counts: Record<string, number> = {};
  for (const { name } of tables.results) {
    counts[name] = (await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>())!.n;
  }
  return counts;
}

/** `count` more conversations of the customer, each with a customer thread, written directly. */
export async function manyConversations(customerId: number, count: number) {
  const folder = await env.DB.prepare(
    "SELECT id FROM folders WHERE mailbox_id = 1 AND type = 1 AND user_id IS NULL",
  ).first<{
    id: number;
  }>();
  await env.DB.batch([
    env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO conversations (number, type, status, state, folder_id, mailbox_id, customer_id, customer_email,
         created_by_customer_id, source_via, source_type, subject, threads_count, created_at, updated_at)
       SELECT (SELECT max(number) FROM conversations) + i, 'email', 'active', 'published', ?, 1, ?, ?, ?, 'customer',
         'email', 'Bulk ' || i, 1, 1700000000 + i, 1700000000 + i FROM n`,
    ).bind(count, folder!.id, customerId, PERSON.emails[0], customerId),
    env.DB.prepare(
      `INSERT INTO threads (conversation_id, type, status, state, body, source_via, source_type, customer_id,
         created_by_customer_id, created_at, updated_at)
       SELECT id, 'customer', 'active', 'published', 'Bulk message from ' || ?, 'customer', 'email', customer_id,
         customer_id, created_at, created_at FROM conversations WHERE subject LIKE 'Bulk %' AND customer_id = ?`,
    ).bind(PERSON.firstName, customerId),
  ]);
}

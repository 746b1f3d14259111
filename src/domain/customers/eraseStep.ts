/**
 * One step of a customer's erasure: one D1 batch that reads up to `size` of the conversations
 * still linked to the customer (as its customer, its creator, by one of its emails, or by a
 * thread it is the customer of or wrote), then one batch that deletes or anonymises exactly
 * those and, once nothing links to the customer any more, deletes the customer itself and
 * marks the erasure finished. A step never depends on the one before: what is left to do is
 * what still links to the customer, so an interrupted erasure resumes with its next step.
 * Lists of ids and keys are bound as one JSON parameter each (D1 binds at most 100).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import type { ErasureMode } from "../../lib/vocabulary";
import { namedBatch, type Statement } from "../batch";
import { type Identity, redactor } from "./redact";

export interface ErasureRecord {
  customerId: number;
  mode: ErasureMode;
  byUserId: number | null;
  /** Unix seconds. */
  requestedAt: number;
  finishedAt: number | null;
}

type ConversationRow = {
  id: number;
  customer_id: number | null;
  subject: string;
  preview: string;
  last_reply_from: string | null;
  wrote: number;
};
type RawRow = { key: string; conversation_id: number; direction: string; author: number | null };
type TextRow = { id: number; body: string | null; action_text: string | null; mail_error: string | null };
type RecordRow = {
  mode: ErasureMode;
  by_user_id: number | null;
  requested_at: number;
  finished_at: number | null;
};

export interface StepRead {
  record: ErasureRecord | null;
  customerExists: boolean;
  /** Whether `byUserId` names an active user (true when none was given). */
  userKnown: boolean;
  identity: Identity;
  conversations: ConversationRow[];
  raw: RawRow[];
  texts: TextRow[];
}

const emailsOf = (customerId: number) => sql`(SELECT email FROM customer_emails WHERE customer_id = ${customerId})`;

/** The conversations left to erase, at most `size`; each branch is one index look-up. */
const linked = (customerId: number, size: number) => sql`linked(id, customer_id) AS (
  SELECT id, customer_id FROM conversations WHERE id IN (
    SELECT id FROM (SELECT id FROM conversations WHERE customer_id = ${customerId} LIMIT ${size})
    UNION SELECT id FROM (SELECT id FROM conversations WHERE created_by_customer_id = ${customerId} LIMIT ${size})
    UNION SELECT id FROM (SELECT id FROM conversations WHERE customer_email IN ${emailsOf(customerId)} LIMIT ${size})
    UNION SELECT conversation_id FROM (SELECT conversation_id FROM threads WHERE customer_id = ${customerId} LIMIT ${size})
    UNION SELECT conversation_id FROM (SELECT conversation_id FROM threads WHERE created_by_customer_id = ${customerId} LIMIT ${size})
  ) ORDER BY id LIMIT ${size})`;

/** Lower-cased words of the customer a kept text may contain (the SQL pre-filter of `redactor`). */
const terms = (customerId: number) => sql`terms(v) AS (
  SELECT email FROM customer_emails WHERE customer_id = ${customerId}
  UNION SELECT lower(value) FROM customer_phones WHERE customer_id = ${customerId}
  UNION SELECT lower(first_name) FROM customers WHERE id = ${customerId} AND length(trim(first_name)) >= 2
  UNION SELECT lower(last_name) FROM customers WHERE id = ${customerId} AND length(trim(last_name)) >= 2)`;

const mentions = (column: SQL) =>
  sql`EXISTS (SELECT 1 FROM terms WHERE instr(lower(coalesce(${column}, '')), trim(terms.v)) > 0)`;

export async function readStep(
  db: Database,
  input: { customerId: number; byUserId: number | null; size: number },
): Promise<StepRead> {
  const { customerId, byUserId, size } = input;
  const reads = await namedBatch(db, {
    record: db.all<RecordRow>(
      sql`SELECT mode, by_user_id, requested_at, finished_at FROM customer_erasures WHERE customer_id = ${customerId}`,
    ),
    customer: db.all<{ first_name: string | null; last_name: string | null }>(
      sql`SELECT first_name, last_name FROM customers WHERE id = ${customerId}`,
    ),
    emails: db.all<{ email: string }>(sql`SELECT email FROM customer_emails WHERE customer_id = ${customerId}`),
    phones: db.all<{ value: string }>(sql`SELECT value FROM customer_phones WHERE customer_id = ${customerId}`),
    user: db.all<{ id: number }>(sql`SELECT id FROM users WHERE id = ${byUserId ?? 0} AND status = 'active'`),
    conversations: db.all<ConversationRow>(sql`WITH ${linked(customerId, size)}
      SELECT c.id, c.customer_id, c.subject, c.preview, c.last_reply_from,
        EXISTS (SELECT 1 FROM threads t WHERE t.conversation_id = c.id AND t.created_by_customer_id = ${customerId}) AS wrote
      FROM conversations c WHERE c.id IN (SELECT id FROM linked) ORDER BY c.id`),
    raw: db.all<RawRow>(sql`WITH ${linked(customerId, size)}
      SELECT m.raw_r2_key AS key, m.conversation_id, m.direction, t.created_by_customer_id AS author
      FROM mail_messages m LEFT JOIN threads t ON t.id = m.thread_id
      WHERE m.conversation_id IN (SELECT id FROM linked) AND m.raw_r2_key IS NOT NULL`),
    texts: db.all<TextRow>(sql`WITH ${linked(customerId, size)}, ${terms(customerId)}
      SELECT t.id, t.body, t.action_text, t.mail_error FROM threads t
      WHERE t.conversation_id IN (SELECT id FROM linked) AND t.created_by_customer_id IS NOT ${customerId}
        AND (${mentions(sql`t.body`)} OR ${mentions(sql`t.action_text`)} OR ${mentions(sql`t.mail_error`)})`),
  });
  const record = reads.record[0];
  const customer = reads.customer[0];
  return {
    record: record
      ? {
          customerId,
          mode: record.mode,
          byUserId: record.by_user_id,
          requestedAt: record.requested_at,
          finishedAt: record.finished_at,
        }
      : null,
    customerExists: !!customer,
    userKnown: byUserId === null || reads.user.length > 0,
    identity: {
      emails: reads.emails.map((row) => row.email),
      phones: reads.phones.map((row) => row.value),
      firstName: customer?.first_name ?? null,
      lastName: customer?.last_name ?? null,
    },
    conversations: reads.conversations,
    raw: reads.raw,
    texts: reads.texts,
  };
}

export interface StepWritten {
  /** When the erasure finished, if this step finished it. */
  finishedAt: number | null;
  /** R2 objects whose rows the step deleted or forgot: attachments and raw messages. */
  objectKeys: string[];
}

const ids = (list: number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(list)}))`;

/** A JSON list of addresses without the customer's. */
const withoutCustomer = (column: SQL, customerId: number) =>
  sql`(SELECT json_group_array(value) FROM json_each(${column}) WHERE lower(trim(value)) NOT IN ${emailsOf(customerId)})`;
const listsCustomer = (column: SQL, customerId: number) =>
  sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE lower(trim(value)) IN ${emailsOf(customerId)})`;

/** Nothing links to the customer any more (checked inside the write, after its other statements). */
const unlinked = (customerId: number) => sql`NOT EXISTS (SELECT 1 FROM conversations WHERE customer_id = ${customerId})
  AND NOT EXISTS (SELECT 1 FROM conversations WHERE created_by_customer_id = ${customerId})
  AND NOT EXISTS (SELECT 1 FROM conversations WHERE customer_email IN ${emailsOf(customerId)})
  AND NOT EXISTS (SELECT 1 FROM threads WHERE customer_id = ${customerId})
  AND NOT EXISTS (SELECT 1 FROM threads WHERE created_by_customer_id = ${customerId})`;

export async function writeStep(
  db: Database,
  erasure: ErasureRecord,
  read: StepRead,
  now: number,
): Promise<StepWritten> {
  const { customerId, mode } = erasure;
  const deleted = read.conversations.filter((c) => mode === "delete" && c.customer_id === customerId);
  const kept = read.conversations.filter((c) => !deleted.includes(c));
  const deletedIds = deleted.map((c) => c.id);
  const keptIds = kept.map((c) => c.id);
  const rawKeys = rawKeysToDelete(customerId, read.raw, new Set(deletedIds), kept);

  const statements: Record<string, Statement> = {
    record: db.run(sql`INSERT INTO customer_erasures (customer_id, mode, by_user_id, requested_at)
      VALUES (${customerId}, ${mode}, ${erasure.byUserId}, ${erasure.requestedAt}) ON CONFLICT (customer_id) DO NOTHING`),
  };
  if (deletedIds.length) Object.assign(statements, deleteConversations(db, deletedIds));
  if (keptIds.length) Object.assign(statements, anonymise(db, customerId, read, kept, rawKeys.kept));
  Object.assign(statements, finish(db, customerId, now));

  const results = (await namedBatch(db, statements)) as Record<string, unknown>;
  const returned = (name: string) => (results[name] as { r2_key: string }[] | undefined) ?? [];
  const finished = (results.finished as { finished_at: number }[])[0];
  return {
    finishedAt: finished?.finished_at ?? null,
    objectKeys: [
      ...returned("deletedFiles").map((row) => row.r2_key),
      ...returned("customerFiles").map((row) => row.r2_key),
      ...rawKeys.deleted,
      ...rawKeys.kept,
    ],
  };
}

/**
 * Raw messages to delete: every one of a deleted conversation; of a kept one, those the
 * customer sent (its threads) and, in its own conversations, every incoming one (bounces of
 * mail to it included).
 */
function rawKeysToDelete(customerId: number, raw: RawRow[], deleted: Set<number>, kept: ConversationRow[]) {
  const own = new Set(kept.filter((c) => c.customer_id === customerId).map((c) => c.id));
  return {
    deleted: raw.filter((m) => deleted.has(m.conversation_id)).map((m) => m.key),
    kept: raw
      .filter(
        (m) =>
          !deleted.has(m.conversation_id) &&
          (m.author === customerId || (own.has(m.conversation_id) && m.direction === "in")),
      )
      .map((m) => m.key),
  };
}

/** A conversation deleted forever, as Delete Conversation does (counters follow by triggers). */
function deleteConversations(db: Database, list: number[]): Record<string, Statement> {
  return {
    deletedFiles: db.all(sql`DELETE FROM attachments WHERE conversation_id IN ${ids(list)} RETURNING r2_key`),
    deletedTags: db.run(sql`DELETE FROM conversation_tags WHERE conversation_id IN ${ids(list)}`),
    deletedTimelogs: db.run(sql`DELETE FROM timelogs WHERE conversation_id IN ${ids(list)}`),
    deletedMessages: db.run(sql`DELETE FROM mail_messages WHERE conversation_id IN ${ids(list)}`),
    // Their edit history goes with them (thread_edits: ON DELETE CASCADE).
    deletedThreads: db.run(sql`DELETE FROM threads WHERE conversation_id IN ${ids(list)}`),
    deletedConversations: db.run(sql`DELETE FROM conversations WHERE id IN ${ids(list)}`),
  };
}

/**
 * A kept conversation without the customer: no link to it, none of its addresses, its own
 * messages blanked (with their attachments and edit history), its emails, phones and names
 * erased from the text that stays.
 */
function anonymise(
  db: Database,
  customerId: number,
  read: StepRead,
  kept: ConversationRow[],
  rawKeys: string[],
): Record<string, Statement> {
  const list = kept.map((c) => c.id);
  const redact = redactor(read.identity);
  const texts = kept.flatMap((c) => {
    const subject = redact(c.subject);
    // The preview is the newest reply's start: the customer's own words if it replied last.
    const preview = c.wrote && c.last_reply_from === "customer" ? "" : redact(c.preview);
    return subject === c.subject && preview === c.preview ? [] : [{ id: c.id, subject, preview }];
  });
  const threadTexts = read.texts.flatMap((t) => {
    const changed = {
      id: t.id,
      body: t.body === null ? null : redact(t.body),
      actionText: t.action_text === null ? null : redact(t.action_text),
      mailError: t.mail_error === null ? null : redact(t.mail_error),
    };
    return changed.body === t.body && changed.actionText === t.action_text && changed.mailError === t.mail_error
      ? []
      : [changed];
  });
  const written = sql`(SELECT id FROM threads WHERE conversation_id IN ${ids(list)} AND created_by_customer_id = ${customerId})`;
  return {
    conversationTexts: db.run(sql`UPDATE conversations SET subject = json_extract(r.value, '$.subject'),
        preview = json_extract(r.value, '$.preview')
      FROM json_each(${JSON.stringify(texts)}) r WHERE conversations.id = json_extract(r.value, '$.id')`),
    conversations: db.run(sql`UPDATE conversations SET
        customer_id = nullif(customer_id, ${customerId}),
        created_by_customer_id = nullif(created_by_customer_id, ${customerId}),
        customer_email = CASE WHEN customer_email IN ${emailsOf(customerId)} THEN NULL ELSE customer_email END,
        cc = ${withoutCustomer(sql`cc`, customerId)},
        bcc = ${withoutCustomer(sql`bcc`, customerId)}
      WHERE id IN ${ids(list)}`),
    customerFiles: db.all(sql`DELETE FROM attachments WHERE thread_id IN ${written} RETURNING r2_key`),
    customerEdits: db.run(sql`DELETE FROM thread_edits WHERE thread_id IN ${written}`),
    customerThreads: db.run(sql`UPDATE threads SET body = '', mail_flags = NULL, mail_error = NULL,
        created_by_customer_id = NULL
      WHERE conversation_id IN ${ids(list)} AND created_by_customer_id = ${customerId}`),
    threadTexts: db.run(sql`UPDATE threads SET body = json_extract(r.value, '$.body'),
        action_text = json_extract(r.value, '$.actionText'), mail_error = json_extract(r.value, '$.mailError')
      FROM json_each(${JSON.stringify(threadTexts)}) r WHERE threads.id = json_extract(r.value, '$.id')`),
    threads: db.run(sql`UPDATE threads SET
        customer_id = nullif(customer_id, ${customerId}),
        "to" = ${withoutCustomer(sql`"to"`, customerId)},
        cc = ${withoutCustomer(sql`cc`, customerId)},
        bcc = ${withoutCustomer(sql`bcc`, customerId)}
      WHERE conversation_id IN ${ids(list)} AND (customer_id = ${customerId}
        OR ${listsCustomer(sql`"to"`, customerId)} OR ${listsCustomer(sql`cc`, customerId)} OR ${listsCustomer(sql`bcc`, customerId)})`),
    rawMessages: db.run(sql`UPDATE mail_messages SET raw_r2_key = NULL
      WHERE conversation_id IN ${ids(list)} AND raw_r2_key IN (SELECT value FROM json_each(${JSON.stringify(rawKeys)}))`),
  };
}

/** The customer's own rows, once nothing links to it; then the erasure is finished. */
function finish(db: Database, customerId: number, now: number): Record<string, Statement> {
  const done = unlinked(customerId);
  return {
    autoReplies: db.run(sql`DELETE FROM auto_replies
      WHERE mailbox_id IN (SELECT id FROM mailboxes) AND customer_email IN ${emailsOf(customerId)} AND ${done}`),
    fieldValues: db.run(sql`DELETE FROM customer_field_values WHERE customer_id = ${customerId} AND ${done}`),
    phones: db.run(sql`DELETE FROM customer_phones WHERE customer_id = ${customerId} AND ${done}`),
    emails: db.run(sql`DELETE FROM customer_emails WHERE customer_id = ${customerId} AND ${done}`),
    customer: db.run(sql`DELETE FROM customers WHERE id = ${customerId} AND ${done}`),
    finished: db.all(sql`UPDATE customer_erasures SET finished_at = ${now}
      WHERE customer_id = ${customerId} AND finished_at IS NULL AND NOT EXISTS (SELECT 1 FROM customers WHERE id = ${customerId})
      RETURNING finished_at`),
  };
}

/**
 * The benchmark's dataset as a few bulk SQL statements (recursive CTEs inside SQLite, no
 * API calls): mailboxes, users with access to all of them, customers with emails and phones,
 * conversations across every status, state and folder, four threads each, attachment
 * metadata on a third of them (two files each), tags and custom field values, and the stored
 * Message-IDs of each email conversation's first customer message and agent reply (so
 * incoming replies can thread). Thread bodies are HTML made of common words
 * (WORDS), the order number and a rarer `itemN` word, for the search scenarios. The counter,
 * search and custom-field triggers run as the rows go in.
 */
export interface DatasetSize {
  conversations: number;
  customers: number;
  users: number;
  mailboxes: number;
}

/** The benchmark's API key (its local database only). */
export const BENCH_KEY = "bench-key-0123456789abcdef";

const SUBJECTS = [
  "Refund request",
  "Order not received",
  "Invoice question",
  "Password reset",
  "Shipping delay",
  "Damaged item",
  "Change of address",
  "Subscription cancel",
  "Billing error",
  "Product question",
  "Account locked",
  "Discount code",
  "Warranty claim",
  "Return label",
  "Delivery time",
  "Upgrade plan",
  "Payment failed",
  "Feature request",
  "Login problem",
  "Bulk order",
];

/** Words of the thread bodies: common ones (each in many conversations) for word searches. */
export const WORDS = [
  "refund",
  "order",
  "invoice",
  "delivery",
  "payment",
  "account",
  "password",
  "shipping",
  "address",
  "broken",
  "charged",
  "twice",
  "package",
  "tracking",
  "label",
  "return",
  "discount",
  "coupon",
  "upgrade",
  "cancel",
  "subscription",
  "login",
  "error",
  "warranty",
  "receipt",
  "missing",
  "damaged",
  "late",
  "urgent",
  "thanks",
];
/** A rarer word per thread, `itemN`, found in about 4 × conversations / ITEMS threads. */
export const ITEMS = 5000;

export const TAGS = [
  "vip",
  "refund",
  "overdue",
  "bug",
  "billing",
  "shipping",
  "urgent",
  "feedback",
  "sales",
  "returns",
];

/** The stored Message-ID of a dataset conversation's first customer message (in) or agent reply (out). */
export const benchMessageId = (direction: "in" | "out", conversationId: number) =>
  `bench-${direction}-${conversationId}@bench.example.org`;
const benchMessageIdSql = (direction: string, conversationId: string) =>
  `'bench-' || ${direction} || '-' || ${conversationId} || '@bench.example.org'`;

const range = (name: string, count: number) =>
  `WITH RECURSIVE ${name}(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM ${name} WHERE i < ${count})`;

/** A word of WORDS picked by an SQL expression. */
const wordSql = (pick: string) =>
  `json_extract('${JSON.stringify(WORDS)}', '$[' || ((${pick}) % ${WORDS.length}) || ']')`;

/** A thread's HTML body: six common words, its conversation's order number and an itemN word. */
const threadBodySql = `'<p>Hello, ' || ${wordSql("c.id * 7 + t.k")} || ' ' || ${wordSql("c.id * 13 + t.k * 3")} || ' and '
  || ${wordSql("c.id * 31 + t.k * 5")} || ' about order ORD-' || c.id || '.</p><p>' || ${wordSql("c.id + t.k * 11")} || ' <b>'
  || ${wordSql("c.id * 3 + t.k * 17")} || '</b> ' || ${wordSql("c.id * 17 + t.k * 7")} || ', item' || ((c.id * 4 + t.k) % ${ITEMS}) || '</p>'`;

export function datasetSql(size: DatasetSize, keyHash: string): string {
  const { conversations: N, customers: C, users: U, mailboxes: M } = size;
  const base = 1_600_000_000;
  return `
INSERT INTO api_keys (name, key_hash, created_at) VALUES ('bench', '${keyHash}', ${base});

${range("n", M)}
INSERT INTO mailboxes (id, name, email, created_at, updated_at)
SELECT i, 'Mailbox ' || i, 'mailbox' || i || '@bench.example.org', ${base}, ${base} FROM n;
-- Mailbox 1 sends from an address wrangler.toml's send_email binding allows (the mail scenario).
UPDATE mailboxes SET email = 'support@support.example.org' WHERE id = 1;

${range("n", U)}
INSERT INTO users (id, first_name, last_name, email, role, timezone, language, created_at, updated_at)
SELECT i, 'Agent', 'Number ' || i, 'agent' || i || '@bench.example.org', CASE WHEN i = 1 THEN 'admin' ELSE 'user' END, 'UTC', 'en', ${base}, ${base} FROM n;

INSERT INTO mailbox_users (mailbox_id, user_id) SELECT m.id, u.id FROM mailboxes m, users u;

INSERT INTO folders (mailbox_id, user_id, type)
SELECT m.id, NULL, t.value FROM mailboxes m, json_each('[1,30,40,60,70,80]') t;

INSERT INTO folders (mailbox_id, user_id, type)
SELECT mu.mailbox_id, mu.user_id, t.value FROM mailbox_users mu, json_each('[20,25]') t;

${range("n", C)}
INSERT INTO customers (id, first_name, last_name, company, social_profiles, websites, created_at, updated_at)
SELECT i, 'Customer', 'Number ' || i, 'Company ' || (i % 500), '[]', '[]', ${base} + i * 60, ${base} + i * 60 FROM n;

INSERT INTO customer_emails (customer_id, email, type) SELECT id, 'customer' || id || '@example.org', 'work' FROM customers;

INSERT INTO customer_phones (customer_id, value, type) SELECT id, '555-' || printf('%06d', id), 'work' FROM customers;

INSERT INTO custom_fields (id, mailbox_id, name, type, options, required, sort_order)
VALUES (1, 1, 'Priority', 'dropdown', '{"1":"Low","2":"Medium","3":"High"}', 0, 1), (2, 1, 'Order number', 'singleline', NULL, 0, 2),
  (3, 1, 'Purchase date', 'date', NULL, 0, 3);

${range("n", N)},
c AS (
  SELECT i,
    1 + (i % ${M}) AS mailbox_id,
    CASE WHEN i % 100 < 40 THEN 'active' WHEN i % 100 < 60 THEN 'pending' WHEN i % 100 < 95 THEN 'closed' ELSE 'spam' END AS status,
    CASE WHEN i % 50 = 7 THEN 'draft' WHEN i % 100 = 13 THEN 'deleted' ELSE 'published' END AS state,
    CASE WHEN i % 5 < 3 THEN 1 + ((i * 7) % ${U}) END AS assignee_id,
    1 + ((i * 13) % ${C}) AS customer_id,
    ${base} + i * 300 AS created_at
  FROM n)
INSERT INTO conversations (id, number, type, status, state, folder_id, mailbox_id, assignee_id, customer_id, customer_email,
  created_by_customer_id, source_via, source_type, subject, preview, cc, bcc, threads_count, closed_by_user_id, closed_at,
  user_updated_at, last_reply_at, last_reply_from, imported, created_at, updated_at)
SELECT i, i, CASE WHEN i % 10 = 0 THEN 'phone' ELSE 'email' END, status, state,
  (SELECT f.id FROM folders f WHERE f.mailbox_id = c.mailbox_id AND f.user_id IS NULL AND f.type = CASE
    WHEN state = 'draft' THEN 30 WHEN state = 'deleted' THEN 70 WHEN status = 'spam' THEN 80
    WHEN status = 'closed' THEN 60 WHEN assignee_id IS NOT NULL THEN 40 ELSE 1 END),
  mailbox_id, assignee_id, customer_id, 'customer' || customer_id || '@example.org', customer_id, 'customer',
  CASE WHEN i % 10 = 0 THEN 'phone' ELSE 'email' END,
  json_extract('${JSON.stringify(SUBJECTS)}', '$[' || (i % ${SUBJECTS.length}) || ']') || ' #' || i,
  'The customer wrote about conversation ' || i, '[]', '[]', 4,
  CASE WHEN status = 'closed' THEN assignee_id END, CASE WHEN status = 'closed' THEN created_at + 7200 END,
  created_at + 3600, created_at + 1800, CASE WHEN i % 2 = 0 THEN 'customer' ELSE 'user' END, 0,
  created_at, created_at + 3600 + (i * 7919) % 86400
FROM c;

INSERT INTO threads (conversation_id, type, status, state, body, source_via, source_type, customer_id, created_by_user_id,
  created_by_customer_id, assigned_to_user_id, "to", cc, bcc, imported, created_at, updated_at)
SELECT c.id, CASE t.k WHEN 1 THEN 'message' WHEN 2 THEN 'note' ELSE 'customer' END, c.status, 'published',
  ${threadBodySql}, CASE WHEN t.k IN (1, 2) THEN 'user' ELSE 'customer' END, 'email',
  c.customer_id, CASE WHEN t.k IN (1, 2) THEN coalesce(c.assignee_id, 1) END,
  CASE WHEN t.k IN (1, 2) THEN NULL ELSE c.customer_id END, c.assignee_id, '[]', '[]', '[]', 0,
  c.created_at + t.k * 600, c.created_at + t.k * 600
FROM conversations c, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) t;

-- Attachment metadata (the objects themselves would be in R2): both customer threads of every
-- third conversation carry a file, keys shaped as newAttachmentKey makes them.
INSERT INTO attachments (conversation_id, thread_id, file_name, mime_type, size, r2_key, created_at)
SELECT t.conversation_id, t.id, 'invoice-' || t.conversation_id || '.pdf', 'application/pdf', 20000 + (t.id * 7919) % 200000,
  'attachments/' || strftime('%Y-%m-%dT%H', t.created_at, 'unixepoch') || '/' || lower(hex(randomblob(16))), t.created_at
FROM threads t WHERE t.type = 'customer' AND t.conversation_id % 3 = 1;

INSERT INTO tags (id, name, color) SELECT key + 1, value, key FROM json_each('${JSON.stringify(TAGS)}');

INSERT INTO conversation_tags (conversation_id, tag_id) SELECT id, 1 + (id % ${TAGS.length}) FROM conversations WHERE id % 3 = 0;

-- Message-IDs as the email() handler stores them (lower case, no angle brackets): the customer's
-- first message (in) and the agent's reply (out) of each email conversation (scripts/bench/incoming.ts).
INSERT INTO mail_messages (mailbox_id, message_id, direction, conversation_id, thread_id, raw_r2_key, created_at)
SELECT c.mailbox_id, ${benchMessageIdSql("d.direction", "c.id")}, d.direction, c.id,
  (SELECT t.id FROM threads t WHERE t.conversation_id = c.id AND t.type = CASE d.direction WHEN 'in' THEN 'customer' ELSE 'message' END
    ORDER BY t.created_at, t.id LIMIT 1),
  NULL, c.created_at + CASE d.direction WHEN 'in' THEN 0 ELSE 600 END
FROM conversations c, (SELECT 'in' AS direction UNION ALL SELECT 'out') d WHERE c.type = 'email';

-- Mailbox 1's custom fields (the custom field filter scenario): a priority on half of them, an
-- order number and the purchase day on every one.
UPDATE conversations SET custom_fields = json_object('1', CAST(1 + (id / 6) % 3 AS TEXT), '2', 'ORD-' || id,
  '3', date(created_at - 86400 * (id % 30), 'unixepoch')) WHERE mailbox_id = 1 AND id % 2 = 0;
UPDATE conversations SET custom_fields = json_object('2', 'ORD-' || id, '3', date(created_at - 86400 * (id % 30), 'unixepoch'))
  WHERE mailbox_id = 1 AND id % 2 = 1;
`;
}

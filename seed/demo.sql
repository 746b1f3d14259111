-- Demo data for local development and tests. Idempotent: rows have fixed ids and are
-- inserted only when missing. It makes the API document's example requests succeed
-- against http://localhost:8787 with the document's demo key. Never load it remotely.
-- One statement per line group, each ending in ";" at the end of a line.

-- The document's demo API key, c2ba609c687a3425402b9d881e5075db (SHA-256 below).
INSERT OR IGNORE INTO api_keys (id, name, key_hash, created_at)
VALUES (1, 'demo key (local only)', 'cb1a8df65ff023f883c2f45086b582776be5d7e177e9d0a1a704f2c2c8a714b7', 1596967740);

INSERT OR IGNORE INTO users (id, first_name, last_name, email, role, job_title, timezone, language, created_at, updated_at) VALUES
  (1, 'Ada', 'Admin', 'admin@support.example.org', 'admin', 'Administrator', 'Europe/Paris', 'en', 1596967740, 1610800726),
  (7, 'Sam', 'Support', 'sam@support.example.org', 'user', 'Support agent', 'UTC', 'en', 1596967740, 1610800726),
  (15, 'Mark', 'Agent', 'mark.agent@support.example.org', 'user', 'Support agent', 'America/New_York', 'en', 1596967740, 1610800726),
  (33, 'Olivia', 'Owner', 'olivia@support.example.org', 'user', 'Team lead', 'Europe/Berlin', 'en', 1596967740, 1610800726);

INSERT OR IGNORE INTO mailboxes (id, name, email, created_at, updated_at) VALUES
  (1, 'Demo Mailbox', 'support@support.example.org', 1596967740, 1610800726),
  (2, 'Sales', 'sales@support.example.org', 1596967740, 1610800726);

-- Mail to help@ reaches the demo mailbox too (an alias); see README "Try email locally".
UPDATE mailboxes SET aliases = '["help@support.example.org"]' WHERE id = 1 AND aliases = '[]';
INSERT OR IGNORE INTO mailbox_aliases (address, mailbox_id) VALUES ('help@support.example.org', 1);

INSERT OR IGNORE INTO mailbox_users (mailbox_id, user_id) VALUES (1, 1), (1, 7), (1, 15), (1, 33), (2, 33);

INSERT OR IGNORE INTO folders (mailbox_id, user_id, type)
SELECT m.id, NULL, t.value FROM mailboxes m, json_each('[1,30,40,60,70,80]') t WHERE m.id IN (1, 2);

INSERT OR IGNORE INTO folders (mailbox_id, user_id, type)
SELECT mu.mailbox_id, mu.user_id, t.value FROM mailbox_users mu, json_each('[20,25]') t;

INSERT OR IGNORE INTO custom_fields (id, mailbox_id, name, type, options, required, sort_order) VALUES
  (18, 1, 'Priority', 'dropdown', '{"1":"Low","2":"Medium","3":"High"}', 0, 1),
  (19, 1, 'Purchase Date', 'date', NULL, 0, 3),
  (37, 1, 'Vendor', 'singleline', NULL, 0, 6),
  (38, 1, 'Comments', 'multiline', NULL, 0, 7),
  (39, 1, 'Amount', 'number', NULL, 0, 8);

INSERT OR IGNORE INTO customer_fields (id, name, type, options, required, sort_order) VALUES
  (2, 'Gender', 'dropdown', '{"1":"Male","2":"Female","3":"Other"}', 0, 1),
  (11, 'Age', 'number', NULL, 0, 2),
  (37, 'Account manager', 'singleline', NULL, 0, 3);

INSERT OR IGNORE INTO customers (id, first_name, last_name, company, job_title, photo_type, notes, address_city, address_state, address_zip, address_country, address_line, social_profiles, websites, created_at, updated_at) VALUES
  (1, 'Rodney', 'Robertson', 'Robertson Ltd', 'Buyer', 'unknown', 'Prefers email.', 'Los Angeles', 'California', '90024', 'US', '1419 Westwood Blvd', '[{"value":"@rodney","type":"twitter"}]', '[{"value":"https://robertson.example.org"}]', 1595507652, 1595621913),
  (7, 'Ann', 'Chen', 'Chen & Co', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '[]', '[]', 1595507652, 1595621913);

INSERT OR IGNORE INTO customer_emails (id, customer_id, email, type) VALUES
  (1, 1, 'rodney@example.org', 'work'),
  (2, 7, 'ann@example.org', 'work');

INSERT OR IGNORE INTO customer_phones (id, customer_id, value, type) VALUES
  (1, 1, '555-0100', 'work');

INSERT OR IGNORE INTO customer_field_values (customer_id, field_id, value) VALUES
  (1, 11, '25'),
  (1, 2, '1');

INSERT OR IGNORE INTO tags (id, name, counter, color) VALUES
  (1, 'overdue', 0, 1),
  (2, 'refund', 0, 2);

-- Conversation 1: the one the document's examples use (threads of each type, tags,
-- custom field values, timelogs, an attachment). folder_id follows the folder rules; the
-- counter triggers count it in its folders as the row is inserted.
INSERT OR IGNORE INTO conversations (id, number, type, status, state, folder_id, mailbox_id, assignee_id, customer_id, customer_email, created_by_user_id, created_by_customer_id, source_via, source_type, subject, preview, cc, bcc, threads_count, closed_by_user_id, closed_at, user_updated_at, last_reply_at, last_reply_from, imported, created_at, updated_at)
SELECT 1, 1, 'email', 'active', 'published', f.id, 1, 1, 1, 'rodney@example.org', NULL, 1, 'customer', 'email', 'Refund', 'Thank you very much!', '["fox@example.org"]', '[]', 4, NULL, NULL, 1584350843, 1584352643, 'customer', 0, 1584312382, 1584352643
FROM folders f WHERE f.mailbox_id = 1 AND f.user_id IS NULL AND f.type = 40;

INSERT OR IGNORE INTO threads (id, conversation_id, type, status, state, action_type, action_text, body, source_via, source_type, customer_id, created_by_user_id, created_by_customer_id, assigned_to_user_id, "to", cc, bcc, imported, opened_at, created_at, updated_at) VALUES
  (1, 1, 'customer', 'active', 'published', NULL, NULL, 'Could you please refund my recent payment? The invoice is attached.', 'customer', 'email', 1, NULL, 1, NULL, '["support@support.example.org"]', '[]', '[]', 0, NULL, 1584312382, 1584312382),
  (2, 1, 'lineitem', 'active', 'published', 'changed-ticket-assignee', 'Sam Support assigned conversation to Ada Admin', NULL, 'user', 'web', 1, 7, NULL, 1, '[]', '[]', '[]', 0, NULL, 1584340000, 1584340000),
  (3, 1, 'note', 'active', 'published', NULL, NULL, 'Payment found, refund approved.', 'user', 'email', 1, 1, NULL, 1, '[]', '[]', '[]', 0, NULL, 1584349000, 1584349000),
  (4, 1, 'message', 'pending', 'published', NULL, NULL, 'We have refunded your payment; it reaches your account within 3 days.', 'user', 'email', 1, 1, NULL, 1, '["rodney@example.org"]', '["fox@example.org"]', '[]', 0, 1584351000, 1584350843, 1584350843),
  (5, 1, 'customer', 'active', 'published', NULL, NULL, 'Thank you very much!', 'customer', 'email', 1, NULL, 1, 1, '["support@support.example.org"]', '[]', '[]', 0, NULL, 1584352643, 1584352643);

INSERT OR IGNORE INTO attachments (id, conversation_id, thread_id, file_name, mime_type, size, r2_key, created_at) VALUES
  (1, 1, 1, 'invoice.txt', 'text/plain', 33, 'seed/invoice.txt', 1584312382);

UPDATE conversations SET custom_fields = '{"18":"2","37":"Acme Payments"}' WHERE id = 1 AND custom_fields = '{}';

INSERT OR IGNORE INTO conversation_tags (conversation_id, tag_id) VALUES (1, 1), (1, 2);

INSERT OR IGNORE INTO timelogs (id, conversation_id, user_id, conversation_status, time_spent, paused, finished, created_at, updated_at) VALUES
  (1, 1, 1, 'active', 711, 0, 1, 1584340000, 1584342000),
  (2, 1, 1, 'pending', 219, 0, 1, 1584351000, 1584352000);

-- Conversation 7 (the List Tags example filters on it): closed, tagged overdue.
INSERT OR IGNORE INTO conversations (id, number, type, status, state, folder_id, mailbox_id, assignee_id, customer_id, customer_email, created_by_user_id, created_by_customer_id, source_via, source_type, subject, preview, cc, bcc, threads_count, closed_by_user_id, closed_at, user_updated_at, last_reply_at, last_reply_from, imported, created_at, updated_at)
SELECT 7, 2, 'email', 'closed', 'published', f.id, 1, 7, 7, 'ann@example.org', NULL, 7, 'customer', 'email', 'Where is my order?', 'It arrived today, thanks.', '[]', '[]', 2, 7, 1596970000, 1596970000, 1596969000, 'customer', 0, 1596960000, 1596970000
FROM folders f WHERE f.mailbox_id = 1 AND f.user_id IS NULL AND f.type = 60;

INSERT OR IGNORE INTO threads (id, conversation_id, type, status, state, body, source_via, source_type, customer_id, created_by_user_id, created_by_customer_id, assigned_to_user_id, "to", cc, bcc, imported, created_at, updated_at) VALUES
  (6, 7, 'customer', 'active', 'published', 'My order has not arrived yet.', 'customer', 'email', 7, NULL, 7, NULL, '["support@support.example.org"]', '[]', '[]', 0, 1596960000, 1596960000),
  (7, 7, 'customer', 'closed', 'published', 'It arrived today, thanks.', 'customer', 'email', 7, NULL, 7, 7, '["support@support.example.org"]', '[]', '[]', 0, 1596969000, 1596969000);

INSERT OR IGNORE INTO conversation_tags (conversation_id, tag_id) VALUES (7, 1);

-- Webhook 1, so the document's Delete Webhook example has something to delete. It listens
-- to convo.restored, which nothing here fires: see the README to watch real deliveries.
INSERT OR IGNORE INTO webhooks (id, url, events, created_at, updated_at)
VALUES (1, 'http://127.0.0.1:9999/webhook', '["convo.restored"]', 1596967740, 1596967740);

-- Conversation search (List Conversations `query=` and `customField[ID]=`, issue 18).
--
-- Full text: one FTS5 row per conversation (rowid = conversation id) with two columns, its
-- subject and the text of its published, non-line-item threads with HTML tags stripped. Words
-- (unicode61, case and diacritics folded), ranked with bm25. Contentless (the text lives in
-- conversations and threads): contentless_delete lets a row be replaced by rowid. Triggers
-- rebuild a conversation's row when its subject changes or one of its threads is written,
-- edited, hidden or deleted.
--
-- The text of a thread: the body split at "<" (a JSON array, so in one pass), each piece after
-- its tag's ">"; a block tag (p, div, br...) leaves a space, an inline tag (b, a, span...)
-- none, so "wor<b>ld</b>" stays one word. A "<" without a ">" is text. Entities left by the
-- sanitiser become spaces.
CREATE VIEW `conversation_search_text` AS
SELECT c.id, c.subject, (
  SELECT group_concat(replace(replace(replace(replace(replace(replace((
      SELECT group_concat(CASE
        WHEN j.key = 0 THEN j.value
        WHEN instr(j.value, '>') = 0 THEN ' ' || j.value
        WHEN (SELECT substr(v, 1, min(instr(v || ' ', ' '), instr(v || '>', '>'), instr(v || '/', '/')) - 1)
              FROM (SELECT lower(ltrim(j.value, '/')) AS v))
             IN ('a', 'abbr', 'b', 'big', 'code', 'em', 'font', 'i', 'mark', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'u')
          THEN substr(j.value, instr(j.value, '>') + 1)
        ELSE ' ' || substr(j.value, instr(j.value, '>') + 1)
      END, '')
      FROM json_each('[' || replace(json_quote(t.body), '<', '","') || ']') AS j
    ), '&nbsp;', ' '), '&amp;', ' '), '&lt;', ' '), '&gt;', ' '), '&quot;', ' '), '&#39;', ' '), ' ')
  FROM threads t
  WHERE t.conversation_id = c.id AND t.state = 'published' AND t.type <> 'lineitem' AND t.body IS NOT NULL
) AS body
FROM conversations c;
--> statement-breakpoint
CREATE VIRTUAL TABLE conversation_text_fts USING fts5(
  subject, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Relevance (ORDER BY rank): bm25 with a subject word weighing twice a word of the threads.
INSERT INTO conversation_text_fts (conversation_text_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
--> statement-breakpoint
INSERT INTO conversation_text_fts (rowid, subject, body) SELECT id, subject, body FROM conversation_search_text;
--> statement-breakpoint
CREATE TRIGGER conversation_text_fts_conversation_insert AFTER INSERT ON conversations
BEGIN
  INSERT INTO conversation_text_fts (rowid, subject, body) SELECT id, subject, body FROM conversation_search_text WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER conversation_text_fts_conversation_subject AFTER UPDATE OF subject ON conversations
WHEN OLD.subject IS NOT NEW.subject
BEGIN
  DELETE FROM conversation_text_fts WHERE rowid = NEW.id;
  INSERT INTO conversation_text_fts (rowid, subject, body) SELECT id, subject, body FROM conversation_search_text WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER conversation_text_fts_conversation_delete AFTER DELETE ON conversations
BEGIN
  DELETE FROM conversation_text_fts WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER conversation_text_fts_thread_insert AFTER INSERT ON threads
WHEN NEW.state = 'published' AND NEW.type <> 'lineitem' AND NEW.body IS NOT NULL
BEGIN
  DELETE FROM conversation_text_fts WHERE rowid = NEW.conversation_id;
  INSERT INTO conversation_text_fts (rowid, subject, body) SELECT id, subject, body FROM conversation_search_text WHERE id = NEW.conversation_id;
END;
--> statement-breakpoint
CREATE TRIGGER conversation_text_fts_thread_update AFTER UPDATE OF body, state, type, conversation_id ON threads
WHEN (OLD.body IS NOT NEW.body OR OLD.state IS NOT NEW.state OR OLD.type IS NOT NEW.type OR OLD.conversation_id IS NOT NEW.conversation_id)
  AND ((OLD.state = 'published' AND OLD.type <> 'lineitem') OR (NEW.state = 'published' AND NEW.type <> 'lineitem'))
BEGIN
  DELETE FROM conversation_text_fts WHERE rowid IN (OLD.conversation_id, NEW.conversation_id);
  INSERT INTO conversation_text_fts (rowid, subject, body)
    SELECT id, subject, body FROM conversation_search_text WHERE id IN (OLD.conversation_id, NEW.conversation_id);
END;
--> statement-breakpoint
CREATE TRIGGER conversation_text_fts_thread_delete AFTER DELETE ON threads
WHEN OLD.state = 'published' AND OLD.type <> 'lineitem' AND OLD.body IS NOT NULL
BEGIN
  DELETE FROM conversation_text_fts WHERE rowid = OLD.conversation_id;
  INSERT INTO conversation_text_fts (rowid, subject, body) SELECT id, subject, body FROM conversation_search_text WHERE id = OLD.conversation_id;
END;
--> statement-breakpoint
-- Custom field values (List Conversations `customField[ID]=value`, `customField:ID:value`):
-- the conversation's JSON (custom_fields, migrations/0005) stays what responses read; this
-- table, kept in step by triggers, serves the look-up field -> value -> conversations.
CREATE TABLE `conversation_field_values` (
	`conversation_id` integer NOT NULL,
	`field_id` integer NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`conversation_id`, `field_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversation_field_values_lookup_idx` ON `conversation_field_values` (`field_id`,`value`,`conversation_id`);
--> statement-breakpoint
INSERT INTO conversation_field_values (conversation_id, field_id, value)
SELECT c.id, CAST(j.key AS INTEGER), CAST(j.value AS TEXT) FROM conversations c, json_each(c.custom_fields) AS j
WHERE c.custom_fields <> '{}' AND j.type IN ('text', 'integer', 'real') AND j.value <> '';
--> statement-breakpoint
CREATE TRIGGER conversation_field_values_insert AFTER INSERT ON conversations
WHEN NEW.custom_fields <> '{}'
BEGIN
  INSERT INTO conversation_field_values (conversation_id, field_id, value)
  SELECT NEW.id, CAST(j.key AS INTEGER), CAST(j.value AS TEXT) FROM json_each(NEW.custom_fields) AS j
  WHERE j.type IN ('text', 'integer', 'real') AND j.value <> '';
END;
--> statement-breakpoint
CREATE TRIGGER conversation_field_values_update AFTER UPDATE OF custom_fields ON conversations
WHEN OLD.custom_fields IS NOT NEW.custom_fields
BEGIN
  DELETE FROM conversation_field_values WHERE conversation_id = NEW.id;
  INSERT INTO conversation_field_values (conversation_id, field_id, value)
  SELECT NEW.id, CAST(j.key AS INTEGER), CAST(j.value AS TEXT) FROM json_each(NEW.custom_fields) AS j
  WHERE j.type IN ('text', 'integer', 'real') AND j.value <> '';
END;

-- totalElements of List Conversations from counters instead of counting every match: how many
-- conversations there are per (mailbox, assignee, status, state), and per tag the same. Kept
-- exact by triggers inside every writing transaction, as the folder counters (0001) are.
-- assignee_id 0 stands for unassigned (a key column cannot be NULL in a primary key lookup).
CREATE TABLE conversation_counts (
  mailbox_id integer NOT NULL,
  assignee_id integer NOT NULL,
  status text NOT NULL,
  state text NOT NULL,
  n integer NOT NULL DEFAULT 0,
  PRIMARY KEY (mailbox_id, assignee_id, status, state)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE tag_counts (
  tag_id integer NOT NULL,
  mailbox_id integer NOT NULL,
  status text NOT NULL,
  state text NOT NULL,
  n integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tag_id, mailbox_id, status, state)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO conversation_counts (mailbox_id, assignee_id, status, state, n)
SELECT mailbox_id, coalesce(assignee_id, 0), status, state, count(*) FROM conversations
GROUP BY mailbox_id, coalesce(assignee_id, 0), status, state;
--> statement-breakpoint
INSERT INTO tag_counts (tag_id, mailbox_id, status, state, n)
SELECT ct.tag_id, c.mailbox_id, c.status, c.state, count(*) FROM conversation_tags ct
JOIN conversations c ON c.id = ct.conversation_id
GROUP BY ct.tag_id, c.mailbox_id, c.status, c.state;
--> statement-breakpoint
CREATE TRIGGER conversation_counts_insert AFTER INSERT ON conversations
BEGIN
  INSERT INTO conversation_counts (mailbox_id, assignee_id, status, state, n)
  VALUES (NEW.mailbox_id, coalesce(NEW.assignee_id, 0), NEW.status, NEW.state, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- BEFORE: the conversation's tag links are still there (ON DELETE CASCADE removes them with it).
CREATE TRIGGER conversation_counts_delete BEFORE DELETE ON conversations
BEGIN
  UPDATE conversation_counts SET n = n - 1
  WHERE mailbox_id = OLD.mailbox_id AND assignee_id = coalesce(OLD.assignee_id, 0) AND status = OLD.status
    AND state = OLD.state;
  UPDATE tag_counts SET n = n - 1
  WHERE tag_id IN (SELECT tag_id FROM conversation_tags WHERE conversation_id = OLD.id)
    AND mailbox_id = OLD.mailbox_id AND status = OLD.status AND state = OLD.state;
END;
--> statement-breakpoint
CREATE TRIGGER conversation_counts_update AFTER UPDATE OF mailbox_id, assignee_id, status, state ON conversations
WHEN OLD.mailbox_id IS NOT NEW.mailbox_id OR OLD.assignee_id IS NOT NEW.assignee_id OR OLD.status IS NOT NEW.status
  OR OLD.state IS NOT NEW.state
BEGIN
  UPDATE conversation_counts SET n = n - 1
  WHERE mailbox_id = OLD.mailbox_id AND assignee_id = coalesce(OLD.assignee_id, 0) AND status = OLD.status
    AND state = OLD.state;
  INSERT INTO conversation_counts (mailbox_id, assignee_id, status, state, n)
  VALUES (NEW.mailbox_id, coalesce(NEW.assignee_id, 0), NEW.status, NEW.state, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
  UPDATE tag_counts SET n = n - 1
  WHERE tag_id IN (SELECT tag_id FROM conversation_tags WHERE conversation_id = OLD.id)
    AND mailbox_id = OLD.mailbox_id AND status = OLD.status AND state = OLD.state;
  INSERT INTO tag_counts (tag_id, mailbox_id, status, state, n)
  SELECT tag_id, NEW.mailbox_id, NEW.status, NEW.state, 1 FROM conversation_tags WHERE conversation_id = NEW.id
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- A deleted conversation's links go by ON DELETE CASCADE after its row is gone: the trigger
-- above already took it out of tag_counts, and the link's trigger then finds no conversation.
CREATE TRIGGER tag_counts_link_insert AFTER INSERT ON conversation_tags
BEGIN
  INSERT INTO tag_counts (tag_id, mailbox_id, status, state, n)
  SELECT NEW.tag_id, mailbox_id, status, state, 1 FROM conversations WHERE id = NEW.conversation_id
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER tag_counts_link_delete AFTER DELETE ON conversation_tags
BEGIN
  UPDATE tag_counts SET n = n - 1
  WHERE tag_id = OLD.tag_id
    AND (mailbox_id, status, state) = (SELECT mailbox_id, status, state FROM conversations WHERE id = OLD.conversation_id);
END;
--> statement-breakpoint
CREATE TRIGGER tag_counts_tag_delete AFTER DELETE ON tags
BEGIN
  DELETE FROM tag_counts WHERE tag_id = OLD.id;
END;

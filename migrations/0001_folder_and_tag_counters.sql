-- Folder and tag counters are kept exact by the database itself: every insert, update and
-- delete of a conversation (or tag link) adjusts the counters of the rows it leaves and
-- enters, inside the writing transaction, whatever code path or concurrency caused it.
-- A conversation counts in its folder (folder_id), and also in its assignee's Mine folder
-- while it is assigned, published and active or pending (the Assigned folder's rule).
-- activeCount counts published conversations with status active.
CREATE TRIGGER conversations_counters_insert AFTER INSERT ON conversations
BEGIN
  UPDATE folders
  SET total_count = total_count + 1,
      active_count = active_count + (NEW.state = 'published' AND NEW.status = 'active')
  WHERE id = NEW.folder_id
     OR (NEW.assignee_id IS NOT NULL AND NEW.state = 'published' AND NEW.status IN ('active', 'pending')
         AND mailbox_id = NEW.mailbox_id AND type = 20 AND user_id = NEW.assignee_id);
END;
--> statement-breakpoint
CREATE TRIGGER conversations_counters_update
AFTER UPDATE OF folder_id, status, state, assignee_id, mailbox_id ON conversations
BEGIN
  UPDATE folders
  SET total_count = total_count - 1,
      active_count = active_count - (OLD.state = 'published' AND OLD.status = 'active')
  WHERE id = OLD.folder_id
     OR (OLD.assignee_id IS NOT NULL AND OLD.state = 'published' AND OLD.status IN ('active', 'pending')
         AND mailbox_id = OLD.mailbox_id AND type = 20 AND user_id = OLD.assignee_id);
  UPDATE folders
  SET total_count = total_count + 1,
      active_count = active_count + (NEW.state = 'published' AND NEW.status = 'active')
  WHERE id = NEW.folder_id
     OR (NEW.assignee_id IS NOT NULL AND NEW.state = 'published' AND NEW.status IN ('active', 'pending')
         AND mailbox_id = NEW.mailbox_id AND type = 20 AND user_id = NEW.assignee_id);
END;
--> statement-breakpoint
CREATE TRIGGER conversations_counters_delete AFTER DELETE ON conversations
BEGIN
  UPDATE folders
  SET total_count = total_count - 1,
      active_count = active_count - (OLD.state = 'published' AND OLD.status = 'active')
  WHERE id = OLD.folder_id
     OR (OLD.assignee_id IS NOT NULL AND OLD.state = 'published' AND OLD.status IN ('active', 'pending')
         AND mailbox_id = OLD.mailbox_id AND type = 20 AND user_id = OLD.assignee_id);
END;
--> statement-breakpoint
CREATE TRIGGER conversation_tags_counter_insert AFTER INSERT ON conversation_tags
BEGIN
  UPDATE tags SET counter = counter + 1 WHERE id = NEW.tag_id;
END;
--> statement-breakpoint
CREATE TRIGGER conversation_tags_counter_delete AFTER DELETE ON conversation_tags
BEGIN
  UPDATE tags SET counter = counter - 1 WHERE id = OLD.tag_id;
END;

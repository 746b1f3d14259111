-- A tag's conversations newest first straight from an index: each link carries its
-- conversation's created_at (kept by triggers), so List Conversations with a tag reads a page of
-- links instead of walking every conversation in order and checking it for the tag.
ALTER TABLE conversation_tags ADD COLUMN created_at integer NOT NULL DEFAULT 0;
--> statement-breakpoint
UPDATE conversation_tags SET created_at = (SELECT created_at FROM conversations WHERE id = conversation_id);
--> statement-breakpoint
CREATE INDEX conversation_tags_tag_created_idx ON conversation_tags (tag_id, created_at, conversation_id);
--> statement-breakpoint
CREATE TRIGGER conversation_tags_created_at AFTER INSERT ON conversation_tags
BEGIN
  UPDATE conversation_tags SET created_at = (SELECT created_at FROM conversations WHERE id = NEW.conversation_id)
  WHERE conversation_id = NEW.conversation_id AND tag_id = NEW.tag_id;
END;
--> statement-breakpoint
CREATE TRIGGER conversations_created_at_to_tags AFTER UPDATE OF created_at ON conversations
WHEN OLD.created_at IS NOT NEW.created_at
BEGIN
  UPDATE conversation_tags SET created_at = NEW.created_at WHERE conversation_id = NEW.id;
END;

-- Subject search (List Conversations `subject`: "conversations containing a text in the
-- subject") through an FTS5 trigram index: any substring of three or more characters is
-- found without scanning conversations. Kept in step with conversations by triggers.
CREATE VIRTUAL TABLE conversations_subject_fts USING fts5(
  subject, content = 'conversations', content_rowid = 'id', tokenize = 'trigram'
);
--> statement-breakpoint
INSERT INTO conversations_subject_fts (conversations_subject_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER conversations_subject_fts_insert AFTER INSERT ON conversations
BEGIN
  INSERT INTO conversations_subject_fts (rowid, subject) VALUES (NEW.id, NEW.subject);
END;
--> statement-breakpoint
CREATE TRIGGER conversations_subject_fts_delete AFTER DELETE ON conversations
BEGIN
  INSERT INTO conversations_subject_fts (conversations_subject_fts, rowid, subject) VALUES ('delete', OLD.id, OLD.subject);
END;
--> statement-breakpoint
CREATE TRIGGER conversations_subject_fts_update AFTER UPDATE OF subject ON conversations
BEGIN
  INSERT INTO conversations_subject_fts (conversations_subject_fts, rowid, subject) VALUES ('delete', OLD.id, OLD.subject);
  INSERT INTO conversations_subject_fts (rowid, subject) VALUES (NEW.id, NEW.subject);
END;

-- List Customers extensions (issue 18): partial email, email domain, customer field values,
-- each served by an index.
--
-- emailContains: any substring of three or more characters of a customer's email through an
-- FTS5 trigram index, kept in step with customer_emails by triggers (as 0003 for subjects).
CREATE VIRTUAL TABLE customer_emails_fts USING fts5(
  email, content = 'customer_emails', content_rowid = 'id', tokenize = 'trigram'
);
--> statement-breakpoint
INSERT INTO customer_emails_fts (customer_emails_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER customer_emails_fts_insert AFTER INSERT ON customer_emails
BEGIN
  INSERT INTO customer_emails_fts (rowid, email) VALUES (NEW.id, NEW.email);
END;
--> statement-breakpoint
CREATE TRIGGER customer_emails_fts_delete AFTER DELETE ON customer_emails
BEGIN
  INSERT INTO customer_emails_fts (customer_emails_fts, rowid, email) VALUES ('delete', OLD.id, OLD.email);
END;
--> statement-breakpoint
CREATE TRIGGER customer_emails_fts_update AFTER UPDATE OF email ON customer_emails
BEGIN
  INSERT INTO customer_emails_fts (customer_emails_fts, rowid, email) VALUES ('delete', OLD.id, OLD.email);
  INSERT INTO customer_emails_fts (rowid, email) VALUES (NEW.id, NEW.email);
END;
--> statement-breakpoint
-- emailDomain: the part after the '@' (emails are stored lower-cased and have one '@'). A
-- virtual column costs no storage in the table; its index holds the values, built here for
-- the existing rows, and covers the look-up (domain -> customer_id).
ALTER TABLE `customer_emails` ADD `domain` text GENERATED ALWAYS AS (substr("email", instr("email", '@') + 1)) VIRTUAL;
--> statement-breakpoint
CREATE INDEX `customer_emails_domain_idx` ON `customer_emails` (`domain`,`customer_id`);
--> statement-breakpoint
-- customerField[ID]=value: case-insensitive equality on a field's value; the index covers
-- the look-up (field, value -> customer_id).
CREATE INDEX `customer_field_values_field_value_idx` ON `customer_field_values` (`field_id`,`value` COLLATE NOCASE,`customer_id`);

-- Scoped API keys (extension): 'read' keys may only read; a key with mailboxes sees and
-- changes only those mailboxes' conversations. Existing keys stay full keys.
ALTER TABLE api_keys ADD COLUMN scope text NOT NULL DEFAULT 'full';
--> statement-breakpoint
ALTER TABLE api_keys ADD COLUMN mailboxes text;

-- List Conversations lists every status unless asked (as FreeScout's module does, issue 14):
-- a mailbox, an assignee, or unassigned in a mailbox, newest first, without a status filter.
CREATE INDEX `conversations_mailbox_created_idx` ON `conversations` (`mailbox_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_assignee_created_idx` ON `conversations` (`assignee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_mailbox_assignee_created_idx` ON `conversations` (`mailbox_id`,`assignee_id`,`created_at`);

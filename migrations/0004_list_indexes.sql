CREATE INDEX `conversations_status_updated_idx` ON `conversations` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_status_waiting_idx` ON `conversations` (`status`,`last_reply_at`);--> statement-breakpoint
CREATE INDEX `conversations_mailbox_assignee_status_created_idx` ON `conversations` (`mailbox_id`,`assignee_id`,`status`,`created_at`);
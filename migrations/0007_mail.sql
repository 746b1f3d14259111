-- Email (issues 15 and 16): mailbox addresses and mail settings, one row per message received
-- or sent (threading and duplicate delivery), the mail state of a thread, the last auto-reply
-- per customer.
ALTER TABLE `mailboxes` ADD `aliases` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `mailboxes` ADD `from_name` text;--> statement-breakpoint
ALTER TABLE `mailboxes` ADD `auto_reply_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `mailboxes` ADD `auto_reply_subject` text;--> statement-breakpoint
ALTER TABLE `mailboxes` ADD `auto_reply_body` text;--> statement-breakpoint
ALTER TABLE `mailboxes` ADD `signature` text;--> statement-breakpoint
-- The aliases again, one row each: routing finds a recipient by index, and an address
-- belongs to one mailbox only. `mailboxes.aliases` is what the API shows.
CREATE TABLE `mailbox_aliases` (
	`address` text PRIMARY KEY NOT NULL,
	`mailbox_id` integer NOT NULL,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mailbox_aliases_mailbox_idx` ON `mailbox_aliases` (`mailbox_id`);--> statement-breakpoint
CREATE TABLE `mail_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mailbox_id` integer NOT NULL,
	`message_id` text NOT NULL,
	`direction` text NOT NULL,
	`conversation_id` integer NOT NULL,
	`thread_id` integer,
	`raw_r2_key` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_messages_mailbox_message_unique` ON `mail_messages` (`mailbox_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `mail_messages_message_idx` ON `mail_messages` (`message_id`);--> statement-breakpoint
CREATE INDEX `mail_messages_conversation_idx` ON `mail_messages` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `mail_messages_thread_idx` ON `mail_messages` (`thread_id`);--> statement-breakpoint
CREATE INDEX `mail_messages_raw_created_idx` ON `mail_messages` (`created_at`) WHERE `raw_r2_key` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `threads` ADD `mail_status` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `mail_error` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `mail_provider_id` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `mail_sent_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `mail_flags` text;--> statement-breakpoint
CREATE TABLE `auto_replies` (
	`mailbox_id` integer NOT NULL,
	`customer_email` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`mailbox_id`, `customer_email`),
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade
);

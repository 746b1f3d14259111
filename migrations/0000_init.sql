CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`r2_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attachments_thread_idx` ON `attachments` (`thread_id`);--> statement-breakpoint
CREATE INDEX `attachments_conversation_idx` ON `attachments` (`conversation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_r2_key_unique` ON `attachments` (`r2_key`);--> statement-breakpoint
CREATE TABLE `conversation_custom_fields` (
	`conversation_id` integer NOT NULL,
	`custom_field_id` integer NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`conversation_id`, `custom_field_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`custom_field_id`) REFERENCES `custom_fields`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `conversation_tags` (
	`conversation_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `tag_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversation_tags_tag_idx` ON `conversation_tags` (`tag_id`,`conversation_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`state` text NOT NULL,
	`folder_id` integer NOT NULL,
	`mailbox_id` integer NOT NULL,
	`assignee_id` integer,
	`customer_id` integer,
	`customer_email` text,
	`created_by_user_id` integer,
	`created_by_customer_id` integer,
	`source_via` text NOT NULL,
	`source_type` text NOT NULL,
	`subject` text NOT NULL,
	`preview` text DEFAULT '' NOT NULL,
	`cc` text DEFAULT '[]' NOT NULL,
	`bcc` text DEFAULT '[]' NOT NULL,
	`threads_count` integer DEFAULT 0 NOT NULL,
	`closed_by_user_id` integer,
	`closed_at` integer,
	`user_updated_at` integer,
	`last_reply_at` integer,
	`last_reply_from` text,
	`imported` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_number_unique` ON `conversations` (`number`);--> statement-breakpoint
CREATE INDEX `conversations_mailbox_status_created_idx` ON `conversations` (`mailbox_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_status_created_idx` ON `conversations` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_folder_created_idx` ON `conversations` (`folder_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_assignee_status_created_idx` ON `conversations` (`assignee_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_customer_idx` ON `conversations` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_customer_email_idx` ON `conversations` (`customer_email`);--> statement-breakpoint
CREATE INDEX `conversations_created_by_user_idx` ON `conversations` (`created_by_user_id`);--> statement-breakpoint
CREATE INDEX `conversations_created_by_customer_idx` ON `conversations` (`created_by_customer_id`);--> statement-breakpoint
CREATE INDEX `conversations_created_idx` ON `conversations` (`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_updated_idx` ON `conversations` (`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_last_reply_idx` ON `conversations` (`last_reply_at`);--> statement-breakpoint
CREATE INDEX `conversations_subject_idx` ON `conversations` (`subject`);--> statement-breakpoint
CREATE INDEX `conversations_mailbox_number_idx` ON `conversations` (`mailbox_id`,`number`);--> statement-breakpoint
CREATE TABLE `custom_fields` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mailbox_id` integer NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`options` text,
	`required` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `custom_fields_mailbox_idx` ON `custom_fields` (`mailbox_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `customer_emails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`email` text NOT NULL,
	`type` text DEFAULT 'work' NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_emails_email_unique` ON `customer_emails` (`email`);--> statement-breakpoint
CREATE INDEX `customer_emails_customer_idx` ON `customer_emails` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_field_values` (
	`customer_id` integer NOT NULL,
	`field_id` integer NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`customer_id`, `field_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_id`) REFERENCES `customer_fields`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `customer_fields` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`options` text,
	`required` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customer_phones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`value` text NOT NULL,
	`type` text DEFAULT 'work' NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_phones_value_idx` ON `customer_phones` (`value`);--> statement-breakpoint
CREATE INDEX `customer_phones_customer_idx` ON `customer_phones` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`first_name` text,
	`last_name` text,
	`company` text,
	`job_title` text,
	`photo_type` text,
	`photo_url` text,
	`notes` text,
	`address_city` text,
	`address_state` text,
	`address_zip` text,
	`address_country` text,
	`address_line` text,
	`social_profiles` text DEFAULT '[]' NOT NULL,
	`websites` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customers_created_idx` ON `customers` (`created_at`);--> statement-breakpoint
CREATE INDEX `customers_updated_idx` ON `customers` (`updated_at`);--> statement-breakpoint
CREATE INDEX `customers_first_name_idx` ON `customers` (`first_name`);--> statement-breakpoint
CREATE INDEX `customers_last_name_idx` ON `customers` (`last_name`);--> statement-breakpoint
CREATE TABLE `folders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mailbox_id` integer NOT NULL,
	`user_id` integer,
	`type` integer NOT NULL,
	`total_count` integer DEFAULT 0 NOT NULL,
	`active_count` integer DEFAULT 0 NOT NULL,
	`meta` text,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `folders_public_unique` ON `folders` (`mailbox_id`,`type`) WHERE "folders"."user_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `folders_personal_unique` ON `folders` (`mailbox_id`,`type`,`user_id`) WHERE "folders"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `folders_user_idx` ON `folders` (`user_id`);--> statement-breakpoint
CREATE TABLE `mailbox_users` (
	`mailbox_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`mailbox_id`, `user_id`),
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mailbox_users_user_idx` ON `mailbox_users` (`user_id`,`mailbox_id`);--> statement-breakpoint
CREATE TABLE `mailboxes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mailboxes_email_unique` ON `mailboxes` (`email`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`counter` integer DEFAULT 0 NOT NULL,
	`color` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);--> statement-breakpoint
CREATE TABLE `threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` integer NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`state` text DEFAULT 'published' NOT NULL,
	`action_type` text,
	`action_text` text,
	`body` text,
	`source_via` text NOT NULL,
	`source_type` text NOT NULL,
	`customer_id` integer,
	`created_by_user_id` integer,
	`created_by_customer_id` integer,
	`assigned_to_user_id` integer,
	`to` text DEFAULT '[]' NOT NULL,
	`cc` text DEFAULT '[]' NOT NULL,
	`bcc` text DEFAULT '[]' NOT NULL,
	`imported` integer DEFAULT false NOT NULL,
	`opened_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `threads_conversation_created_idx` ON `threads` (`conversation_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `timelogs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`conversation_status` text NOT NULL,
	`time_spent` integer DEFAULT 0 NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`finished` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `timelogs_conversation_created_idx` ON `timelogs` (`conversation_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text,
	`role` text DEFAULT 'user' NOT NULL,
	`alternate_emails` text,
	`job_title` text,
	`phone` text,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`photo_url` text,
	`language` text DEFAULT 'en' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` integer NOT NULL,
	`delivery_id` text NOT NULL,
	`event` text NOT NULL,
	`attempt` integer NOT NULL,
	`status_code` integer,
	`duration_ms` integer,
	`error` text,
	`dead_lettered` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_webhook_idx` ON `webhook_deliveries` (`webhook_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_created_idx` ON `webhook_deliveries` (`created_at`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);

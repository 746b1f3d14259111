-- Delete Customer (issue 18, extension): a GDPR erasure that may take several steps. One row
-- per erased customer, without personal data: a client that retries is answered from it, and
-- the hourly cron finishes the erasures an interrupted request left unfinished.
CREATE TABLE `customer_erasures` (
	`customer_id` integer PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`by_user_id` integer,
	`requested_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `customer_erasures_unfinished_idx` ON `customer_erasures` (`requested_at`) WHERE `finished_at` IS NULL;--> statement-breakpoint
-- The threads an erasure looks for: those of the customer's conversations and those the
-- customer wrote in other conversations.
CREATE INDEX `threads_customer_idx` ON `threads` (`customer_id`);--> statement-breakpoint
CREATE INDEX `threads_created_by_customer_idx` ON `threads` (`created_by_customer_id`) WHERE `created_by_customer_id` IS NOT NULL;

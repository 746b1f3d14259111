-- Thread edit and delete (issue 18, extensions). A thread shows who changed it last and when
-- (FreeScout's threads have the same two columns); every change keeps what it replaced in
-- thread_edits (previous_body only when the text changed: hiding a customer's thread copies
-- none of its words), which also serves as the thread's version: an edit is written only if
-- the number of edits is still the one it was computed from.
ALTER TABLE `threads` ADD `edited_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `edited_by_user_id` integer REFERENCES `users`(`id`);--> statement-breakpoint
CREATE TABLE `thread_edits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`edited_by_user_id` integer,
	`previous_body` text,
	`previous_state` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edited_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `thread_edits_thread_idx` ON `thread_edits` (`thread_id`);

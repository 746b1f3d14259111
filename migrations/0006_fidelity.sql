-- Fidelity with FreeScout (issue 14).
-- The Deleted folder's type is 70 in FreeScout core (app/Folder.php); 0001's counter triggers
-- name only the Mine folder (20), so re-numbering the rows is all that changes.
UPDATE `folders` SET `type` = 70 WHERE `type` = 110;--> statement-breakpoint
-- Users are never removed (conversations, threads and timelogs point at them): Delete User
-- marks the row deleted and frees its email, as FreeScout does.
ALTER TABLE `users` ADD `status` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
-- "Administrator can not be deleted" counts the admins that are not deleted.
CREATE INDEX `users_role_status_idx` ON `users` (`role`,`status`);--> statement-breakpoint
-- List Customers matches first and last names case-insensitively (as MySQL's collation does).
CREATE INDEX `customers_first_name_nocase_idx` ON `customers` (`first_name` COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `customers_last_name_nocase_idx` ON `customers` (`last_name` COLLATE NOCASE);--> statement-breakpoint
-- List Customers' phone filter is a substring match of digits ("+1 (555) 010" finds "15550100"):
-- the phone's digits, and an index the match scans instead of the table.
ALTER TABLE `customer_phones` ADD `digits` text GENERATED ALWAYS AS (replace(replace(replace(replace(replace(replace(replace(replace("value", ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), '/', ''), char(9), '')) VIRTUAL;--> statement-breakpoint
CREATE INDEX `customer_phones_digits_idx` ON `customer_phones` (`digits`,`customer_id`);

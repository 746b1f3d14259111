-- The users' version: one row whose token is replaced with a random one whenever a user is
-- added, changed or removed. An isolate keeps a copy of the users and, in the same batch as
-- the rows that name them, reads this row to know whether its copy is current (a random
-- token, not a counter: a database restored to an earlier point never repeats a later token).
CREATE TABLE `users_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`token` text NOT NULL
);
--> statement-breakpoint
INSERT INTO users_version (id, token) VALUES (1, lower(hex(randomblob(16))));
--> statement-breakpoint
CREATE TRIGGER users_version_insert AFTER INSERT ON users
BEGIN
  UPDATE users_version SET token = lower(hex(randomblob(16))) WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER users_version_update AFTER UPDATE ON users
BEGIN
  UPDATE users_version SET token = lower(hex(randomblob(16))) WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER users_version_delete AFTER DELETE ON users
BEGIN
  UPDATE users_version SET token = lower(hex(randomblob(16))) WHERE id = 1;
END;

-- Outgoing email (issue 16). An auto-reply claims its (mailbox, customer) row before it is
-- sent; the claim names the conversation it answers, so a retry of that same auto-reply may
-- go on while any other conversation of the customer within the window may not.
ALTER TABLE `auto_replies` ADD `conversation_id` integer;

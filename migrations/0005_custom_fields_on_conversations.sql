-- Custom field values move onto the conversation row (JSON, field id -> value): every
-- conversation response shows them and no filter uses them, so a list page reads them with
-- its rows instead of looking them up per conversation.
ALTER TABLE `conversations` ADD `custom_fields` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
UPDATE `conversations` SET `custom_fields` =
  (SELECT json_group_object(CAST(`custom_field_id` AS TEXT), `value`) FROM `conversation_custom_fields` WHERE `conversation_id` = `conversations`.`id`)
WHERE `id` IN (SELECT `conversation_id` FROM `conversation_custom_fields`);--> statement-breakpoint
DROP TABLE `conversation_custom_fields`;

-- Webhooks an integration can rely on (extensions): a mailbox filter, an own signing secret
-- (sealed with a key derived from WEBHOOK_SECRET), an enabled switch with the reason it was
-- turned off, and the run of failed attempts that turns it off. The delivery log keeps the
-- body of each first attempt (or the R2 key of a large one) so a delivery can be sent again.
ALTER TABLE webhooks ADD COLUMN mailboxes text NOT NULL DEFAULT '[]';
--> statement-breakpoint
ALTER TABLE webhooks ADD COLUMN sealed_secret text;
--> statement-breakpoint
ALTER TABLE webhooks ADD COLUMN enabled integer NOT NULL DEFAULT 1;
--> statement-breakpoint
ALTER TABLE webhooks ADD COLUMN disabled_reason text;
--> statement-breakpoint
ALTER TABLE webhooks ADD COLUMN disabled_at integer;
--> statement-breakpoint
ALTER TABLE webhooks ADD COLUMN failure_streak integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE webhooks ADD COLUMN failing_since integer;
--> statement-breakpoint
ALTER TABLE webhook_deliveries ADD COLUMN body text;
--> statement-breakpoint
ALTER TABLE webhook_deliveries ADD COLUMN body_key text;
--> statement-breakpoint
ALTER TABLE webhook_deliveries ADD COLUMN redelivered_at integer;
--> statement-breakpoint
CREATE INDEX webhook_deliveries_delivery_idx ON webhook_deliveries (delivery_id);
--> statement-breakpoint
CREATE INDEX webhook_deliveries_dead_letters_idx ON webhook_deliveries (webhook_id, dead_lettered, redelivered_at);

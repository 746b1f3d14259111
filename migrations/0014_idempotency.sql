-- Idempotency-Key on POST/PUT/PATCH/DELETE (issue 19, Stripe's model): a key is claimed
-- (in_progress) before the handler runs and holds the first answer (done) for 24 hours.
-- Keys are scoped to the API key that sent them.
CREATE TABLE `idempotency_keys` (
  `api_key_id` integer NOT NULL REFERENCES `api_keys`(`id`) ON DELETE CASCADE,
  `key` text NOT NULL,
  `fingerprint` text NOT NULL,
  `state` text NOT NULL DEFAULT 'in_progress',
  `response_status` integer,
  `response_headers` text,
  `response_body` text,
  `created_at` integer NOT NULL,
  `expires_at` integer NOT NULL,
  PRIMARY KEY (`api_key_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_expires_idx` ON `idempotency_keys` (`expires_at`);

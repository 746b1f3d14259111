import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Test helpers are imported as "@test/support/..." from anywhere in the tree.
const resolve = { alias: { "@test": fileURLToPath(new URL("./test", import.meta.url)) } };

// Tests that need Node rather than workerd: Chromium against `wrangler dev`, the OpenAPI
// validator (it reads its schemas from disk and compiles them with eval), the scripts.
const NODE_TESTS = [
  "test/browser/**/*.test.ts",
  "test/openapi.test.ts",
  "test/architecture.test.ts",
  "test/cli/**/*.test.ts",
];

// wrangler logs "Using secrets defined in .dev.vars" for every test file: only warnings here.
process.env.WRANGLER_LOG ??= "warn";

export default defineConfig({
  test: {
    // Every agent reply a test writes is really sent through the local queue, and the consumer
    // logs one line per message for operators (wrangler tail): that line is not test output.
    onConsoleLog: (log) => !log.startsWith("mail sent ("),
    projects: [
      {
        resolve,
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              // The local queue stops delivering once a test file's tests are done: a file that
              // queues more outgoing mail than one batch would wait on the rest. One batch takes
              // everything a test queues.
              queueConsumers: {
                "freescout-mail": {
                  maxBatchSize: 100,
                  maxBatchTimeout: 1,
                  maxRetries: 5,
                  deadLetterQueue: "freescout-mail-dlq",
                },
                // Pings and re-deliveries are tested through the real queue: no 5 s batch wait.
                "freescout-webhooks": {
                  maxBatchSize: 10,
                  maxBatchTimeout: 1,
                  maxRetries: 9,
                  deadLetterQueue: "freescout-webhooks-dlq",
                },
              },
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./migrations"),
                TEST_SEED_SQL: readFileSync("./seed/demo.sql", "utf8"),
                TEST_SEED_ATTACHMENT: readFileSync("./seed/invoice.txt", "utf8"),
                // Test-only secrets; real ones come from `wrangler secret` or .dev.vars.
                ATTACHMENT_SIGNING_SECRET: "test-attachment-secret",
                WEBHOOK_SECRET: "test-webhook-secret",
                // A receiver that never answers fails the test's attempt in a fraction of a second.
                WEBHOOK_TIMEOUT_MS: "300",
                // Suites send thousands of requests a minute with one key; rateLimit.test.ts turns it on.
                RATE_LIMIT_PER_MINUTE: "0",
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: NODE_TESTS,
          setupFiles: ["./test/support/setup.ts"],
        },
      },
      {
        resolve,
        test: {
          name: "node",
          include: NODE_TESTS,
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

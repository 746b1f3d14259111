import { readFileSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
          TEST_SEED_SQL: readFileSync("./seed/demo.sql", "utf8"),
          TEST_SEED_ATTACHMENT: readFileSync("./seed/invoice.txt", "utf8"),
          // Test-only secrets; real ones come from `wrangler secret` or .dev.vars.
          ATTACHMENT_SIGNING_SECRET: "test-attachment-secret",
          WEBHOOK_SECRET: "test-webhook-secret",
          // A receiver that never answers fails the test's attempt in a fraction of a second.
          WEBHOOK_TIMEOUT_MS: "300",
        },
      },
    })),
  ],
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["./test/support/setup.ts"],
  },
});

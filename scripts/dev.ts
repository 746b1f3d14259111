/**
 * npm run dev [-- <wrangler dev args>]: applies the migrations to the local D1, loads the
 * demo data (idempotent) and starts `wrangler dev` on port 8787 unless --port is given.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { wrangler } from "./wrangler.ts";

const extra = process.argv.slice(2);

// Secrets for this machine only, created once from the names in .dev.vars.example.
if (!existsSync(".dev.vars")) {
  const names = readFileSync(".dev.vars.example", "utf8").match(/^[A-Z_]+(?==)/gm) ?? [];
  writeFileSync(".dev.vars", names.map((name) => `${name}=${randomBytes(32).toString("hex")}\n`).join(""));
  console.log(`Wrote .dev.vars with random ${names.join(", ")}`);
}

wrangler(["d1", "migrations", "apply", "DB", "--local"]);
wrangler(["d1", "execute", "DB", "--local", "--file", "seed/demo.sql"]);
wrangler([
  "r2",
  "object",
  "put",
  "freescout-attachments/seed/invoice.txt",
  "--local",
  "--file",
  "seed/invoice.txt",
  "--content-type",
  "text/plain",
]);

const port = extra.some((arg) => arg === "--port" || arg.startsWith("--port=")) ? [] : ["--port", "8787"];
// Local receivers and file servers live on loopback: allow them here, never in production.
// Webhook retries every few seconds so a local receiver can watch them.
wrangler([
  "dev",
  ...port,
  "--var",
  "ALLOW_PRIVATE_NETWORK_URLS:true",
  "--var",
  "WEBHOOK_RETRY_DELAYS:2,4,8,8,8,8,8,8,8",
  ...extra,
]);

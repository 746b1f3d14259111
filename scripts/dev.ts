/**
 * npm run dev [-- --reset] [-- <wrangler dev args>]: applies the migrations to the local D1,
 * loads the demo data (idempotent) and starts `wrangler dev` on port 8787 unless --port is
 * given. --reset first deletes the local state (D1, R2, queues) so the demo data is fresh.
 * Wrangler's start-up chatter is filtered; request logs and errors pass through.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { createDevFilter } from "./devOutput.ts";
import { wrangler } from "./wrangler.ts";

const args = process.argv.slice(2);
const reset = args.includes("--reset");
const extra = args.filter((arg) => arg !== "--reset");
const STATE = ".wrangler/state";

// Secrets for this machine only, created once from the names in .dev.vars.example.
if (!existsSync(".dev.vars")) {
  const names = readFileSync(".dev.vars.example", "utf8").match(/^[A-Z_]+(?==)/gm) ?? [];
  writeFileSync(".dev.vars", names.map((name) => `${name}=${randomBytes(32).toString("hex")}\n`).join(""));
  console.log(`Wrote .dev.vars with random ${names.join(", ")}`);
}

if (reset) {
  rmSync(STATE, { recursive: true, force: true });
  console.log(`Deleted ${STATE}: fresh demo data (API keys made with npm run api-key are gone too).`);
}

process.stdout.write("Preparing the local D1 and R2 (migrations, demo data)... ");
wrangler(["d1", "migrations", "apply", "DB", "--local"], { quiet: true });
wrangler(["d1", "execute", "DB", "--local", "--file", "seed/demo.sql"], { quiet: true });
wrangler(
  [
    "r2",
    "object",
    "put",
    "freescout-attachments/seed/invoice.txt",
    "--local",
    "--file",
    "seed/invoice.txt",
    "--content-type",
    "text/plain",
  ],
  { quiet: true },
);
console.log("done.");

const port = extra.some((arg) => arg === "--port" || arg.startsWith("--port=")) ? [] : ["--port", "8787"];
// Local receivers and file servers live on loopback: allow them here, never in production.
// Webhook and outgoing-mail retries every few seconds so they can be watched.
const child = spawn(
  "wrangler",
  [
    "dev",
    ...port,
    "--var",
    "ALLOW_PRIVATE_NETWORK_URLS:true",
    "--var",
    "WEBHOOK_RETRY_DELAYS:2,4,8,8,8,8,8,8,8",
    "--var",
    "MAIL_RETRY_DELAYS:2,4,8,8,8",
    ...extra,
  ],
  { stdio: ["inherit", "pipe", "pipe"], env: { ...process.env, CI: process.env.CI ?? "true" } },
);

const filter = createDevFilter();
function show(line: string, out: NodeJS.WriteStream) {
  const result = filter(line);
  if (result.kind === "banner") console.log(result.lines.join("\n"));
  if (result.kind === "show") out.write(`${result.line}\n`);
}

if (child.stdout) createInterface({ input: child.stdout }).on("line", (line) => show(line, process.stdout));
if (child.stderr) createInterface({ input: child.stderr }).on("line", (line) => show(line, process.stderr));
child.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));

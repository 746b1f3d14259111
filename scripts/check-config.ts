/**
 * npm run check-config [-- --remote]: tells a deployer what the Worker still lacks before a
 * request finds out with a 503. Checks wrangler.toml (placeholders, bindings) and the secrets:
 * in .dev.vars locally, or with --remote in the deployed Worker (`wrangler secret list`,
 * which needs `npx wrangler login`). Exit status 0 when nothing is missing, 1 otherwise.
 */
import { existsSync, readFileSync } from "node:fs";
import { requiredSettings } from "../src/config.ts";
import { wrangler } from "./wrangler.ts";

const remote = process.argv.includes("--remote");
const problems: string[] = [];
const toml = readFileSync("wrangler.toml", "utf8");

for (const [name, setting] of Object.entries(requiredSettings)) {
  if (setting.kind !== "binding") continue;
  if (!new RegExp(`^\\s*(binding|name)\\s*=\\s*"${name}"`, "m").test(toml)) {
    problems.push(`wrangler.toml declares no binding ${name} (needed by ${setting.neededBy})`);
  }
}
// Without these the help desk still runs: agent replies are recorded as not sent, with the reason.
const OPTIONAL_BINDINGS = {
  MAIL_QUEUE: "the outgoing-mail queue ([[queues.producers]] binding MAIL_QUEUE)",
  EMAIL: "the Email Service sender ([[send_email]] name EMAIL, with allowed_sender_addresses)",
};
const notes: string[] = [];
for (const [name, what] of Object.entries(OPTIONAL_BINDINGS)) {
  if (!new RegExp(`^\\s*(binding|name)\\s*=\\s*"${name}"`, "m").test(toml)) {
    notes.push(
      `${what} is not configured: agent replies are recorded as not sent instead of emailed (README "Send email")`,
    );
  }
}

for (const placeholder of toml.match(/^[a-z_]+\s*=\s*"REPLACE[^"]*"/gm) ?? []) {
  problems.push(`wrangler.toml still has a placeholder: ${placeholder} (see README "Deploy")`);
}

const secretNames = Object.entries(requiredSettings)
  .filter(([, setting]) => setting.kind === "secret")
  .map(([name]) => name);

if (remote) {
  const listed = JSON.parse(wrangler(["secret", "list", "--format", "json"], { quiet: true })) as { name: string }[];
  const present = new Set(listed.map((secret) => secret.name));
  for (const name of secretNames) {
    if (!present.has(name)) problems.push(`secret ${name} is not set: npx wrangler secret put ${name}`);
  }
} else if (!existsSync(".dev.vars")) {
  problems.push("no .dev.vars: npm run dev creates it with random secrets (or copy .dev.vars.example)");
} else {
  const vars = new Map(
    [...readFileSync(".dev.vars", "utf8").matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], (m[2] ?? "").trim()]),
  );
  for (const name of secretNames) {
    const value = vars.get(name);
    if (!value) problems.push(`.dev.vars has no value for ${name}`);
    else if (value === "change-me") problems.push(`.dev.vars still has the example value for ${name}`);
  }
}

for (const note of notes) console.warn(`Note: ${note}`);
if (problems.length === 0) {
  console.log(`Configuration complete (${remote ? "deployed Worker" : "local"}): bindings and secrets are set.`);
} else {
  console.error(`Missing configuration (${remote ? "deployed Worker" : "local"}):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}

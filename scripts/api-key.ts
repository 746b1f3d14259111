/**
 * npm run api-key -- create|list|revoke ... (see HELP below)
 *
 * Keys are 32 hex characters like FreeScout's. A new key is printed once, alone on stdout;
 * only its SHA-256 is stored. Without --remote the local D1 of `wrangler dev` is used.
 */
import { createHash, randomBytes } from "node:crypto";
import { formatTable, isoSeconds } from "./table.ts";
import { wrangler } from "./wrangler.ts";

const HELP = `Manage API keys (stored as SHA-256 in the api_keys table of D1).

  npm run api-key -- create [--name <label>] [--read-only] [--mailboxes 1,2] [--remote]
                                                          new key, printed once; --read-only: reads only;
                                                          --mailboxes: sees and changes only those mailboxes
  npm run api-key -- list [--remote]                      every key with its dates
  npm run api-key -- revoke <id> [--remote]               stop a key (within a minute)
  npm run api-key -- --help

  --remote           production D1 (needs \`npx wrangler login\`); default: local D1 of npm run dev
  --persist-to <dir> local D1 kept in <dir> instead of .wrangler/state
Names are unique among keys that are not revoked. Exit status: 0 done, 1 refused, 2 usage.`;

interface Statement {
  results: Record<string, unknown>[];
  meta?: { changes?: number };
}

const args = process.argv.slice(2);
const [command, ...rest] = args;
const option = (name: string) => {
  const index = rest.indexOf(name);
  return index >= 0 ? rest[index + 1] : undefined;
};
const persistTo = option("--persist-to");
const target = rest.includes("--remote")
  ? ["--remote"]
  : ["--local", ...(persistTo ? ["--persist-to", persistTo] : [])];
const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;
const now = () => Math.floor(Date.now() / 1000);

/** One SQL statement through wrangler, its JSON answer parsed and wrangler's chatter hidden. */
function query(sql: string): Statement {
  const out = wrangler(["d1", "execute", "DB", ...target, "--json", "--command", sql], { quiet: true });
  const statements = JSON.parse(out) as Statement[];
  return statements[0] ?? { results: [] };
}

function fail(message: string, status = 1): never {
  console.error(message);
  process.exit(status);
}

function create() {
  const name = (option("--name") ?? `created ${new Date().toISOString()}`).trim();
  if (!name) fail("--name may not be empty", 2);
  const scope = rest.includes("--read-only") ? "read" : "full";
  const mailboxList = option("--mailboxes");
  const mailboxes = mailboxList === undefined ? [] : mailboxList.split(",").map((part) => Number(part.trim()));
  if (mailboxes.some((id) => !Number.isInteger(id) || id <= 0)) fail("--mailboxes takes mailbox ids: 1,2", 2);
  const limited = mailboxes.length ? sqlString(JSON.stringify([...new Set(mailboxes)].sort((a, b) => a - b))) : "NULL";
  if (mailboxes.length) {
    const known = query(`SELECT id FROM mailboxes WHERE id IN (${mailboxes.join(",")})`).results.map((r) => r.id);
    const missing = mailboxes.filter((id) => !known.includes(id));
    if (missing.length) fail(`No mailbox with id ${missing.join(", ")}.`);
  }
  const key = randomBytes(16).toString("hex");
  const hash = createHash("sha256").update(key).digest("hex");
  const inserted = query(
    `INSERT INTO api_keys (name, key_hash, scope, mailboxes, created_at) SELECT ${sqlString(name)}, '${hash}', '${scope}', ${limited}, ${now()} ` +
      `WHERE NOT EXISTS (SELECT 1 FROM api_keys WHERE name = ${sqlString(name)} AND revoked_at IS NULL) RETURNING id`,
  );
  const id = inserted.results[0]?.id;
  if (id === undefined) fail(`A key named "${name}" already exists (npm run api-key -- list); choose another --name.`);
  const what = [scope === "read" ? "read-only" : "full", mailboxes.length ? `mailboxes ${mailboxes.join(", ")}` : ""];
  console.error(
    `Created key ${id} "${name}" (${what.filter(Boolean).join(", ")}). It is shown once, below; store it now:`,
  );
  console.log(key);
}

function list() {
  const { results } = query("SELECT id, name, scope, mailboxes, created_at, revoked_at FROM api_keys ORDER BY id");
  if (results.length === 0) {
    console.log("No API keys yet: npm run api-key -- create --name <label>");
    return;
  }
  const rows = results.map((row) => ({
    id: String(row.id),
    name: String(row.name),
    scope: row.scope === "read" ? "read-only" : "full",
    mailboxes: row.mailboxes ? (JSON.parse(String(row.mailboxes)) as number[]).join(",") : "all",
    created: isoSeconds(row.created_at as number),
    revoked: isoSeconds(row.revoked_at as number | null),
  }));
  console.log(formatTable(rows, ["id", "name", "scope", "mailboxes", "created", "revoked"]));
}

function revoke() {
  const raw = rest.find((arg) => !arg.startsWith("--") && arg !== persistTo);
  const id = Number(raw);
  if (!raw || !Number.isInteger(id) || id <= 0) fail("usage: npm run api-key -- revoke <id> [--remote] (ids: list)", 2);
  const revoked = query(
    `UPDATE api_keys SET revoked_at = ${now()} WHERE id = ${id} AND revoked_at IS NULL RETURNING id`,
  );
  if (revoked.results.length > 0) {
    console.log(`Key ${id} revoked (isolates that verified it recently accept it for up to a minute).`);
    return;
  }
  const existing = query(`SELECT revoked_at FROM api_keys WHERE id = ${id}`).results[0];
  if (!existing) fail(`No key with id ${id} (npm run api-key -- list shows the ids).`);
  fail(`Key ${id} was already revoked at ${isoSeconds(existing.revoked_at as number)}; nothing changed.`);
}

if (command === "--help" || command === "-h" || command === "help" || rest.includes("--help")) console.log(HELP);
else if (command === "create") create();
else if (command === "list") list();
else if (command === "revoke") revoke();
else fail(`${command ? `Unknown command "${command}".\n\n` : ""}${HELP}`, 2);

/**
 * npm run api-key -- create [--name <label>] [--remote]
 * npm run api-key -- list [--remote]
 * npm run api-key -- revoke <id> [--remote]
 *
 * Keys are 32 hex characters like FreeScout's. A new key is printed once; only its SHA-256
 * is stored. Without --remote the local D1 of `wrangler dev` is used.
 */
import { createHash, randomBytes } from "node:crypto";
import { wrangler } from "./wrangler.ts";

const args = process.argv.slice(2);
const [command, ...rest] = args;
const target = rest.includes("--remote") ? "--remote" : "--local";
const option = (name: string) => {
  const index = rest.indexOf(name);
  return index >= 0 ? rest[index + 1] : undefined;
};
const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;
const execute = (sql: string, capture = false) =>
  wrangler(["d1", "execute", "DB", target, "--command", sql, ...(capture ? ["--json"] : [])], { capture });

switch (command) {
  case "create": {
    const key = randomBytes(16).toString("hex");
    const hash = createHash("sha256").update(key).digest("hex");
    const name = option("--name") ?? `created ${new Date().toISOString()}`;
    const now = Math.floor(Date.now() / 1000);
    execute(`INSERT INTO api_keys (name, key_hash, created_at) VALUES (${sqlString(name)}, '${hash}', ${now})`);
    console.log(`\nAPI key (shown once, store it now): ${key}\n`);
    break;
  }
  case "list": {
    const out = execute("SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY id", true);
    const rows = (JSON.parse(out) as { results: Record<string, unknown>[] }[])[0]?.results ?? [];
    console.table(rows);
    break;
  }
  case "revoke": {
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id <= 0) {
      console.error("usage: npm run api-key -- revoke <id> [--remote]");
      process.exit(2);
    }
    execute(`UPDATE api_keys SET revoked_at = ${Math.floor(Date.now() / 1000)} WHERE id = ${id}`);
    console.log(`Key ${id} revoked (isolates that verified it recently accept it for up to a minute).`);
    break;
  }
  default:
    console.error("usage: npm run api-key -- create|list|revoke [--remote]");
    process.exit(2);
}

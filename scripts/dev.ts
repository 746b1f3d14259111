/**
 * npm run dev [-- <wrangler dev args>]: applies the migrations to the local D1, loads the
 * demo data (idempotent) and starts `wrangler dev` on port 8787 unless --port is given.
 */
import { wrangler } from "./wrangler.ts";

const extra = process.argv.slice(2);

wrangler(["d1", "migrations", "apply", "DB", "--local"]);
wrangler(["d1", "execute", "DB", "--local", "--file", "seed/demo.sql"]);

const port = extra.some((arg) => arg === "--port" || arg.startsWith("--port=")) ? [] : ["--port", "8787"];
// Local receivers and file servers live on loopback: allow them here, never in production.
wrangler(["dev", ...port, "--var", "ALLOW_PRIVATE_NETWORK_URLS:true", ...extra]);

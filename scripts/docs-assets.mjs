/**
 * Copies Scalar's standalone bundle from node_modules into public/docs/scalar/ so the API
 * reference at /api/docs works offline. Run by wrangler's [build] (dev, deploy) and by the test
 * config; plain JavaScript so any Node that runs wrangler can run it. Copies only when changed.
 */
import { copyFileSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const source = resolve(root, "node_modules/@scalar/api-reference/dist/browser/standalone.js");
const target = resolve(root, "public/docs/scalar/standalone.js");

export function copyDocsAssets() {
  const from = statSync(source);
  const to = statSync(target, { throwIfNoEntry: false });
  if (to && to.size === from.size && to.mtimeMs >= from.mtimeMs) return;
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) copyDocsAssets();

/**
 * npm test's last step: `vitest run` (arguments passed on) with the runtime's echo of
 * expected failures filtered from its output (scripts/test/runtimeNoise.ts); exits as vitest does.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { RuntimeNoiseFilter } from "./test/runtimeNoise.ts";

const child = spawn("vitest", ["run", ...process.argv.slice(2)], {
  stdio: ["inherit", "pipe", "pipe"],
  env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? "1" : "0") },
});
const filter = new RuntimeNoiseFilter();
for (const [from, to] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
] as const) {
  createInterface({ input: from, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
    if (!filter.drops(line)) to.write(`${line}\n`);
  });
}
child.on("close", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

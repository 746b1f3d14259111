import { spawnSync } from "node:child_process";

/** Runs wrangler from node_modules with inherited stdio; exits the script on failure. */
export function wrangler(args: string[], options: { capture?: boolean } = {}): string {
  const result = spawnSync("wrangler", args, {
    stdio: options.capture ? ["inherit", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    env: { ...process.env, CI: process.env.CI ?? "true" },
  });
  if (result.status !== 0) {
    console.error(`wrangler ${args.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
  return result.stdout ?? "";
}

import { spawnSync } from "node:child_process";

export interface WranglerOptions {
  /** Return stdout instead of showing it. */
  capture?: boolean;
  /** Show nothing unless wrangler fails (then its output is printed with the error). */
  quiet?: boolean;
}

/** Runs wrangler from node_modules; exits the script on failure. */
export function wrangler(args: string[], options: WranglerOptions = {}): string {
  const result = spawnSync("wrangler", args, {
    stdio: ["inherit", options.capture || options.quiet ? "pipe" : "inherit", options.quiet ? "pipe" : "inherit"],
    encoding: "utf8",
    // Captured output is wrangler's normal log level (WRANGLER_LOG=warn would hide --json output).
    env: {
      ...process.env,
      CI: process.env.CI ?? "true",
      ...(options.capture || options.quiet ? { WRANGLER_LOG: "log" } : {}),
    },
  });
  if (result.status !== 0) {
    if (options.quiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    console.error(`wrangler ${args.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
  return result.stdout ?? "";
}

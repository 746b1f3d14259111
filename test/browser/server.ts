/**
 * A real local server for browser tests: `wrangler dev` on a free port over its own D1 and R2
 * state in a temporary directory, with the migrations and the demo data applied.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LocalServer {
  origin: string;
  stop(): Promise<void>;
}

const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };

function wrangler(args: string[]) {
  const result = spawnSync("wrangler", args, { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilUp(origin: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${origin}/api/openapi.json`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer within ${timeoutMs} ms:\n${output()}`);
}

export async function startLocalServer(timeoutMs = 90_000): Promise<LocalServer> {
  const state = mkdtempSync(join(tmpdir(), "freescout-browser-"));
  const local = ["--local", "--persist-to", state];
  wrangler(["d1", "migrations", "apply", "DB", ...local]);
  wrangler(["d1", "execute", "DB", ...local, "--file", "seed/demo.sql"]);

  const port = await freePort();
  const child = spawn(
    "wrangler",
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      state,
      "--var",
      "ATTACHMENT_SIGNING_SECRET:browser-test",
      "--var",
      "WEBHOOK_SECRET:browser-test",
    ],
    { env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let log = "";
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  const origin = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    }
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(origin, child, () => log, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, stop };
}

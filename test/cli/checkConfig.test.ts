/** `npm run check-config` names what a deployment lacks: placeholders, bindings, secrets. */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "check-config-"));
  copyFileSync(join(root, "wrangler.toml"), join(dir, "wrangler.toml"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const check = () => {
  const result = spawnSync(process.execPath, [join(root, "scripts/check-config.ts")], { cwd: dir, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

describe("npm run check-config", () => {
  it("names the database_id placeholder and each missing or example secret", () => {
    writeFileSync(join(dir, ".dev.vars"), "ATTACHMENT_SIGNING_SECRET=change-me\nWEBHOOK_SECRET=\n");
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain('database_id = "REPLACE-with-d1-database-id"');
    expect(output).toContain("example value for ATTACHMENT_SIGNING_SECRET");
    expect(output).toContain(".dev.vars has no value for WEBHOOK_SECRET");
  });

  it("names a missing binding and a missing .dev.vars", () => {
    const toml = readFileSync(join(dir, "wrangler.toml"), "utf8").replace(
      'binding = "ATTACHMENTS"',
      'binding = "FILES"',
    );
    writeFileSync(join(dir, "wrangler.toml"), toml);
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain("declares no binding ATTACHMENTS");
    expect(output).toContain("no .dev.vars");
  });

  it("passes a complete configuration", () => {
    const toml = readFileSync(join(dir, "wrangler.toml"), "utf8").replace("REPLACE-with-d1-database-id", "0f1e2d3c");
    writeFileSync(join(dir, "wrangler.toml"), toml);
    writeFileSync(join(dir, ".dev.vars"), "ATTACHMENT_SIGNING_SECRET=a1b2c3\nWEBHOOK_SECRET=d4e5f6\n");
    expect(check()).toEqual({ status: 0, output: expect.stringContaining("Configuration complete (local)") });
  });

  it("notes a missing mail sender without failing: replies are then recorded as not sent", () => {
    writeFileSync(join(dir, ".dev.vars"), "ATTACHMENT_SIGNING_SECRET=a1\nWEBHOOK_SECRET=b2\n");
    const toml = readFileSync(join(dir, "wrangler.toml"), "utf8")
      .replace('database_id = "REPLACE-with-d1-database-id"', 'database_id = "00000000-0000-0000-0000-000000000000"')
      .replace('name = "EMAIL"', 'name = "SENDER"');
    writeFileSync(join(dir, "wrangler.toml"), toml);
    const { status, output } = check();
    expect(status).toBe(0);
    expect(output).toContain(
      "the Email Service sender ([[send_email]] name EMAIL, with allowed_sender_addresses) is not configured",
    );
    expect(output).toContain("agent replies are recorded as not sent");
  });
});

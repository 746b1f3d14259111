/**
 * `npm run api-key` against a local D1 of its own (--persist-to a temporary directory):
 * unknown and already-revoked ids are refused, names are unique, the key is printed alone,
 * the list is a table with ISO dates.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const env = {
  ...process.env,
  PATH: `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH}`,
  CI: "true",
};
let state: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ["scripts/api-key.ts", ...args, "--persist-to", state], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  state = mkdtempSync(join(tmpdir(), "api-key-"));
  const applied = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  expect(applied.status, applied.stderr).toBe(0);
});
afterAll(() => rmSync(state, { recursive: true, force: true }));

describe("npm run api-key", () => {
  it("create prints the key alone on stdout, and refuses a name already in use", () => {
    const created = run("create", "--name", "zapier");
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/^[0-9a-f]{32}\n$/);
    expect(created.stderr).toContain('Created key 1 "zapier"');

    const again = run("create", "--name", "zapier");
    expect(again.status).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain('A key named "zapier" already exists');
  });

  it("revoke says when an id is unknown, and does not revoke twice", () => {
    const unknown = run("revoke", "99");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("No key with id 99");
    expect(unknown.stdout).not.toContain("revoked");

    expect(run("revoke", "1").status).toBe(0);
    const firstList = run("list").stdout;
    const twice = run("revoke", "1");
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/Key 1 was already revoked at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; nothing changed/);
    expect(run("list").stdout).toBe(firstList);
  });

  it("list is a table with ISO dates and no index column", () => {
    expect(run("create", "--name", "zapier").status).toBe(0);
    const lines = run("list").stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^id\s+name\s+scope\s+mailboxes\s+created\s+revoked$/);
    expect(lines[2]).toMatch(
      /^1\s+zapier\s+full\s+all\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect(lines[3]).toMatch(/^2\s+zapier\s+full\s+all\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(lines.join("\n")).not.toContain("(index)");
  });

  it("create --read-only makes a read-only key; --mailboxes takes known mailbox ids only", () => {
    const readOnly = run("create", "--name", "reporting", "--read-only");
    expect(readOnly.status).toBe(0);
    expect(readOnly.stderr).toContain('"reporting" (read-only)');
    expect(run("list").stdout).toMatch(/\sreporting\s+read-only\s+all\s/);
    const unknown = run("create", "--name", "one-mailbox", "--mailboxes", "7");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("No mailbox with id 7");
    expect(run("create", "--name", "bad", "--mailboxes", "x").status).toBe(2);
  });

  it("--help explains every command; an unknown command is a usage error", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    for (const word of ["create", "list", "revoke", "--remote", "unique", "--read-only", "--mailboxes"]) {
      expect(help.stdout).toContain(word);
    }
    expect(run("bogus").status).toBe(2);
    expect(run("revoke", "abc").status).toBe(2);
  });
});

/**
 * The isolate's copy of the users (src/db/userDirectory.ts): conversations show users as they
 * are now, the copy is read again only after the users changed, and a batch that found the
 * copy current is answered with the copy it asked about.
 */
import { env } from "cloudflare:test";
import { d1Cost, get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { type DirectoryUser, userDirectoryReads } from "../../src/db/userDirectory";

beforeEach(resetToDemoData);

async function assignedConversation() {
  const row = await env.DB.prepare(
    "SELECT id, assignee_id FROM conversations WHERE assignee_id IS NOT NULL LIMIT 1",
  ).first<{
    id: number;
    assignee_id: number;
  }>();
  return { id: row!.id, assignee: row!.assignee_id };
}

describe("users shown by conversations", () => {
  it("a renamed user shows with the new name in Get and List Conversations", async () => {
    const { id, assignee } = await assignedConversation();
    expect((await get(`/api/conversations/${id}`)).json.assignee.id).toBe(assignee);
    await env.DB.prepare("UPDATE users SET first_name = 'Renamed' WHERE id = ?").bind(assignee).run();

    expect((await get(`/api/conversations/${id}`)).json.assignee).toMatchObject({ id: assignee, firstName: "Renamed" });
    const list = await get("/api/conversations", { query: { status: "all", pageSize: 100 } });
    const item = list.json._embedded.conversations.find((c: { id: number }) => c.id === id);
    expect(item.assignee).toMatchObject({ id: assignee, firstName: "Renamed" });
  });

  it("a user added since the copy was made is found", async () => {
    const { id } = await assignedConversation();
    await get(`/api/conversations/${id}`);
    const added = await env.DB.prepare(
      `INSERT INTO users (first_name, last_name, email, created_at, updated_at)
       VALUES ('New', 'Agent', 'new.agent@example.org', 1700000000, 1700000000) RETURNING id`,
    ).first<{ id: number }>();
    await env.DB.prepare("UPDATE conversations SET assignee_id = ? WHERE id = ?").bind(added!.id, id).run();

    expect((await get(`/api/conversations/${id}`)).json.assignee).toMatchObject({
      id: added!.id,
      email: "new.agent@example.org",
    });
  });

  it("reads the users once after they change, then only the version", async () => {
    const { id } = await assignedConversation();
    const users = (await env.DB.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>())!.n;
    await get(`/api/conversations/${id}`);
    await env.DB.prepare("UPDATE users SET last_name = 'Changed' WHERE id = 1").run();

    const first = d1Cost(await get(`/api/conversations/${id}`)).rowsRead;
    const second = d1Cost(await get(`/api/conversations/${id}`)).rowsRead;
    // A stale copy reads every user; a current one probes past the last id, one row.
    expect(first - second).toBe(users - 1);
    expect(d1Cost(await get(`/api/conversations/${id}`)).rowsRead).toBe(second);
  });
});

describe("userDirectoryReads", () => {
  const user = (id: number, firstName: string): DirectoryUser => ({
    id,
    firstName,
    lastName: "",
    photoUrl: null,
    email: `${firstName}@example.org`,
  });

  it("answers a batch that found its copy current with that copy, though a newer one was kept since", () => {
    const db = createDb(env.DB);
    const a = userDirectoryReads(db).read([[{ token: "a" }], [user(1, "alice")]]);
    const askedA = userDirectoryReads(db);
    const alsoAskedA = userDirectoryReads(db);
    // A batch that saw a newer version got every user and kept them.
    const b = askedA.read([[{ token: "b" }], [user(1, "bob")]]);
    expect(b.get(1)?.firstName).toBe("bob");
    // A batch that asked about "a" and found it current read no user rows: the copy of "a" answers.
    expect(alsoAskedA.read([[{ token: "a" }], []])).toBe(a);
    // The newest copy is kept for the next batches.
    expect(userDirectoryReads(db).read([[{ token: "b" }], []])).toBe(b);
  });
});

import { env } from "cloudflare:test";
import { splitSqlStatements } from "./sql";

/** Loads the demo seed (the same file `npm run dev` loads). */
export async function loadDemoData() {
  const statements = splitSqlStatements(env.TEST_SEED_SQL).map((sql) => env.DB.prepare(sql));
  await env.DB.batch(statements);
  // The object of the demo conversation's attachment, as `npm run dev` puts it.
  await env.ATTACHMENTS.put("seed/invoice.txt", env.TEST_SEED_ATTACHMENT, {
    httpMetadata: { contentType: "text/plain" },
  });
}

/** Empties every table, for suites that need a blank database. */
export async function clearDatabase() {
  const { results } = await env.DB.prepare(
    // Ordinary tables only: full-text indexes (virtual and shadow tables) follow their
    // content tables through triggers, and the users' version row (replaced by the users'
    // triggers, never removed) stays.
    "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('d1_migrations', 'users_version')",
  ).all<{ name: string }>();
  await env.DB.batch([
    env.DB.prepare("PRAGMA defer_foreign_keys = ON"),
    ...results.map(({ name }) => env.DB.prepare(`DELETE FROM "${name}"`)),
    // Ids start again from 1, so the demo data's rows have the ids the document uses.
    env.DB.prepare("DELETE FROM sqlite_sequence"),
  ]);
}

/** Removes every object from the attachments bucket. */
export async function clearBucket() {
  for (;;) {
    const { objects } = await env.ATTACHMENTS.list();
    if (objects.length === 0) return;
    await env.ATTACHMENTS.delete(objects.map((object) => object.key));
  }
}

export async function resetToDemoData() {
  await Promise.all([clearDatabase(), clearBucket()]);
  await loadDemoData();
}

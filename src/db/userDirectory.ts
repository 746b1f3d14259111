/**
 * The users conversations name (assignees, authors, editors, closers), kept per isolate and
 * read again only after they changed. A read batch carries two statements: the users' version
 * (one row: a random token the triggers of migration 0019 replace on every change to `users`)
 * and every user, by a primary-key range that is empty unless the isolate's copy is of another
 * version. Both run in the caller's batch, so the users come from the same snapshot as the rows
 * that name them: a page of 50 conversations reads 3 rows for its users instead of one per
 * person per row.
 */
import { asc, eq, gt, sql } from "drizzle-orm";
import type { Database } from "./client";
import { bind, preparedOnce } from "./prepared";
import { users, usersVersion } from "./schema";

export interface DirectoryUser {
  id: number;
  firstName: string;
  lastName: string;
  photoUrl: string | null;
  email: string;
}

const NO_ID = Number.MAX_SAFE_INTEGER;
const VERSION_ROW = 1;

type Copy = { token: string; users: ReadonlyMap<number, DirectoryUser> };

let copy: Copy | undefined;

/**
 * The statements to put in a read batch, and how to read their results: the isolate's copy
 * if the batch found it current, else the users the batch read (kept for the next batches).
 */
const versionStatement = preparedOnce((db) =>
  db.select({ token: usersVersion.token }).from(usersVersion).where(eq(usersVersion.id, VERSION_ROW)),
);
const usersStatement = preparedOnce((db) =>
  db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      photoUrl: users.photoUrl,
      email: users.email,
    })
    .from(users)
    .where(
      gt(
        users.id,
        sql`coalesce((SELECT CASE WHEN token = ${sql.placeholder("token")} THEN ${NO_ID} ELSE 0 END FROM users_version WHERE id = ${VERSION_ROW}), 0)`,
      ),
    )
    .orderBy(asc(users.id)),
);

export function userDirectoryReads(db: Database) {
  const asked = copy;
  const statements = [
    bind(db, versionStatement, {}),
    bind(db, usersStatement, { token: asked?.token ?? null }),
  ] as const;
  const read = ([version, rows]: [{ token: string }[], DirectoryUser[]]): ReadonlyMap<number, DirectoryUser> => {
    const token = version[0]?.token;
    if (asked && asked.token === token) return asked.users;
    const users = new Map(rows.map((row) => [row.id, row]));
    // Without the version row (a database emptied by hand) every batch reads every user.
    if (token !== undefined) copy = { token, users };
    return users;
  };
  return { statements, read };
}

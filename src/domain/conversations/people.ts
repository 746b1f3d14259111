import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { users } from "../../db/schema";
import { inIds } from "../../db/sql";

/** Users by id with whether each may work in the mailbox (admins may work in every one); for the caller's read batch. */
export const usersWithAccess = (db: Database, ids: number[], mailboxId: number) =>
  db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      hasAccess:
        sql<number>`(${users.role} = 'admin' OR EXISTS (SELECT 1 FROM mailbox_users mu WHERE mu.mailbox_id = ${mailboxId} AND mu.user_id = ${users.id}))`.mapWith(
          Boolean,
        ),
    })
    .from(users)
    .where(inIds(users.id, ids));

export const fullName = (user: { firstName: string; lastName: string }) => `${user.firstName} ${user.lastName}`.trim();

import { and, count, desc, eq, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import { conversations, folders, mailboxAliases, mailboxes, mailboxUsers, users } from "../db/schema";
import { hashPassword } from "../lib/crypto";
import { ApiError, badRequest, conflict, invalidField, notFound } from "../lib/errors";
import type { Services } from "../services";
import { namedBatch } from "./batch";
import { conversationPayload, type Reader } from "./conversations/load";
import { fullName } from "./conversations/people";
import { folderTypeSql, publicFolderIdSql } from "./folders";
import { listPage, type Paging } from "./paging";
import { updateEvents } from "./webhooks/events";
import type { DomainEvent } from "./webhooks/publish";

export type User = typeof users.$inferSelect;

export interface UserFilter {
  email?: string;
}

export async function listUsers({ db }: Pick<Services, "db">, filter: UserFilter, page: Paging) {
  const where = filter.email ? eq(users.email, filter.email.trim().toLowerCase()) : undefined;
  return listPage(db, page, {
    rows: db.select().from(users).where(where).orderBy(desc(users.id)),
    total: db.select({ n: count() }).from(users).where(where),
  });
}

export async function getUser({ db }: Pick<Services, "db">, userId: number): Promise<User> {
  const row = await db.select().from(users).where(eq(users.id, userId)).get();
  if (!row) throw notFound("userId", userId);
  return row;
}

export interface NewUser {
  firstName: string;
  lastName: string;
  email: string;
  password?: string;
  alternateEmails?: string;
  jobTitle?: string;
  phone?: string;
  timezone?: string;
  photoUrl?: string;
}

/** A regular user without mailbox access; the email (stored lower-case) must be free, and no mailbox's. */
export async function createUser({ db, clock }: Pick<Services, "db" | "clock">, input: NewUser): Promise<User> {
  const now = clock.seconds();
  const email = input.email.toLowerCase();
  // FreeScout: users and mailboxes can not have the same email address.
  const mailbox = await db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(
      or(
        eq(mailboxes.email, email),
        inArray(
          mailboxes.id,
          db.select({ id: mailboxAliases.mailboxId }).from(mailboxAliases).where(eq(mailboxAliases.address, email)),
        ),
      ),
    )
    .get();
  if (mailbox) {
    throw invalidField(
      "email",
      "There is a mailbox with such email. Users and mailboxes can not have the same email addresses.",
      input.email,
    );
  }
  const [row] = await db
    .insert(users)
    .values({
      firstName: input.firstName,
      lastName: input.lastName,
      email,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      role: "user",
      alternateEmails: input.alternateEmails ?? null,
      jobTitle: input.jobTitle ?? null,
      phone: input.phone ?? null,
      timezone: input.timezone ?? "UTC",
      photoUrl: input.photoUrl ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!row) throw conflict("email", "A user with this email already exists", input.email);
  return row;
}

export interface DeleteUserInput {
  userId: number;
  /** The user performing the deletion; null when the parameter is missing or not an id. */
  byUserId: number | null;
  /** Mailbox id -> the user who takes over the deleted user's conversations there; -1 or absent: unassign. */
  assignTo: Record<number, number>;
}

/** FreeScout's suffix for a deleted user's email (the address is freed, the row stays). */
const DELETED_SUFFIX = "_deleted";
const EMAIL_MAX_LENGTH = 100;

/**
 * Delete User (FreeScout module 1.0.81+): the user's conversations are reassigned per mailbox as
 * `assignTo` says, the others unassigned (and re-filed), each with a line item by `byUserId`; the
 * user loses its mailboxes and folders, is marked deleted and its email is freed. One batch.
 */
export async function deleteUser(
  services: Pick<Services, "db" | "clock"> & Reader,
  input: DeleteUserInput,
): Promise<{ userId: number; events: DomainEvent[] }> {
  const { db, clock } = services;
  const targetIds = [...new Set(Object.values(input.assignTo))].filter((id) => id > 0 && id !== input.userId);
  const reads = await namedBatch(db, {
    user: db.select().from(users).where(eq(users.id, input.userId)),
    admins: db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.status, "active"))),
    byUser: db
      .select()
      .from(users)
      .where(eq(users.id, input.byUserId ?? 0)),
    targets: db
      .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
      .from(users)
      .where(and(inArray(users.id, targetIds.length ? targetIds : [0]), eq(users.status, "active"))),
  });
  const user = reads.user[0];
  if (!user) throw notFound("userId", input.userId);
  if (user.status === "deleted") throw badRequest(problem("userId", `User is already deleted: ${user.id}`, user.id));
  if (user.role === "admin" && (reads.admins[0]?.n ?? 0) < 2) {
    throw badRequest(problem("userId", "Administrator can not be deleted", user.id));
  }
  const byUser = reads.byUser[0];
  if (!byUser || byUser.status === "deleted") {
    const message = `User (byUserId) with the following ID not found: ${input.byUserId ?? ""}`;
    throw badRequest({ path: "byUserId", message, rejectedValue: input.byUserId, source: "QUERY" });
  }

  const now = clock.seconds();
  const actor = fullName(byUser);
  const targets = new Map(reads.targets.map((target) => [target.id, target]));
  // Mailboxes whose conversations go to a known, active user; the rest are unassigned.
  const handovers = Object.entries(input.assignTo).flatMap(([mailboxId, targetId]) => {
    const target = targets.get(targetId);
    return target ? [{ mailboxId: Number(mailboxId), target }] : [];
  });
  // Every statement runs only while the deletion is still allowed, so a concurrent change writes nothing.
  const allowed = sql`EXISTS (SELECT 1 FROM users d WHERE d.id = ${user.id} AND d.status = 'active'
    AND (d.role <> 'admin' OR (SELECT count(*) FROM users a WHERE a.role = 'admin' AND a.status = 'active') >= 2))`;
  const assigned = (mailboxId?: number): SQL =>
    mailboxId === undefined
      ? sql`assignee_id = ${user.id} AND ${allowed}`
      : sql`assignee_id = ${user.id} AND mailbox_id = ${mailboxId} AND ${allowed}`;
  const lineItems = (where: SQL, assigneeId: number | null, text: string) =>
    db.run(sql`INSERT INTO threads (conversation_id, type, status, state, action_type, action_text, source_via,
        source_type, customer_id, created_by_user_id, assigned_to_user_id, "to", cc, bcc, imported, created_at, updated_at)
      SELECT id, 'lineitem', status, 'published', 'changed-ticket-assignee', ${text}, 'user', 'web', customer_id,
        ${byUser.id}, ${assigneeId}, '[]', '[]', '[]', 0, ${now}, ${now}
      FROM conversations WHERE ${where}`);
  const suffix = `${DELETED_SUFFIX}${new Date(now * 1000).toISOString().replace(/\D/g, "").slice(0, 14)}`;
  const freedEmail = `${[...user.email].slice(0, EMAIL_MAX_LENGTH - suffix.length).join("")}${suffix}`;

  const written = await namedBatch(db, {
    ...Object.fromEntries(
      handovers.flatMap(({ mailboxId, target }, index) => [
        [
          `lineItems${index}`,
          lineItems(assigned(mailboxId), target.id, `${actor} assigned conversation to ${fullName(target)}`),
        ],
        [
          `handed${index}`,
          db
            .update(conversations)
            .set({ assigneeId: target.id, updatedAt: now })
            .where(assigned(mailboxId))
            .returning({ id: conversations.id }),
        ],
      ]),
    ),
    unassignedLineItems: lineItems(assigned(), null, `${actor} unassigned conversation`),
    unassigned: db
      .update(conversations)
      .set({
        assigneeId: null,
        folderId: publicFolderIdSql(
          sql`conversations.mailbox_id`,
          folderTypeSql(sql`conversations.state`, sql`conversations.status`, sql`NULL`),
        ),
        updatedAt: now,
      })
      .where(assigned())
      .returning({ id: conversations.id }),
    access: db.delete(mailboxUsers).where(and(eq(mailboxUsers.userId, user.id), allowed)),
    folders: db.delete(folders).where(and(eq(folders.userId, user.id), allowed)),
    deleted: db
      .update(users)
      .set({ status: "deleted", email: freedEmail, updatedAt: now })
      .where(and(eq(users.id, user.id), ne(users.status, "deleted"), allowed))
      .returning({ id: users.id }),
  });
  if (written.deleted.length === 0) {
    throw new ApiError(409, [problem("userId", "The user is being changed by another request; try again", user.id)]);
  }
  const changed = Object.entries(written).flatMap(([name, rows]) =>
    name === "unassigned" || name.startsWith("handed") ? (rows as { id: number }[]).map((row) => row.id) : [],
  );
  const events = changed.flatMap((id) =>
    updateEvents({ statusChanged: false, assigneeChanged: true, moved: false }, conversationPayload(services, id)),
  );
  return { userId: user.id, events };
}

const problem = (path: string, message: string, rejectedValue: unknown) =>
  ({ path, message, rejectedValue, source: "PATH" }) as const;

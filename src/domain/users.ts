import { asc, count, eq } from "drizzle-orm";
import { users } from "../db/schema";
import { hashPassword } from "../lib/crypto";
import { conflict, notFound } from "../lib/errors";
import type { Services } from "../services";
import { listPage, type Paging } from "./paging";

export type User = typeof users.$inferSelect;

export interface UserFilter {
  email?: string;
}

export async function listUsers({ db }: Pick<Services, "db">, filter: UserFilter, page: Paging) {
  const where = filter.email ? eq(users.email, filter.email.trim().toLowerCase()) : undefined;
  return listPage(db, page, {
    rows: db.select().from(users).where(where).orderBy(asc(users.id)),
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

/** A regular user without mailbox access; the email (stored lower-case) must be free. */
export async function createUser({ db, clock }: Pick<Services, "db" | "clock">, input: NewUser): Promise<User> {
  const now = clock.seconds();
  const [row] = await db
    .insert(users)
    .values({
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email.toLowerCase(),
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

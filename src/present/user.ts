import { z } from "@hono/zod-openapi";
import type { users } from "../db/schema";
import { toIso } from "../lib/dates";
import { IsoDate } from "../lib/openapi";

export const UserSchema = z
  .object({
    id: z.number().int(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    role: z.enum(["user", "admin"]),
    alternateEmails: z.string().nullable(),
    jobTitle: z.string().nullable(),
    phone: z.string().nullable(),
    timezone: z.string(),
    photoUrl: z.string().nullable(),
    language: z.string(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("User");

export function presentUser(row: typeof users.$inferSelect): z.infer<typeof UserSchema> {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    role: row.role,
    alternateEmails: row.alternateEmails,
    jobTitle: row.jobTitle,
    phone: row.phone,
    timezone: row.timezone,
    photoUrl: row.photoUrl,
    language: row.language,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

/** The short user object nested in conversations and threads (assignee, createdBy...). */
export const UserRefSchema = z
  .object({
    id: z.number().int(),
    type: z.literal("user"),
    firstName: z.string(),
    lastName: z.string(),
    photoUrl: z.string().openapi({ description: '"" when the user has no photo (as FreeScout)' }),
    email: z.string(),
  })
  .openapi("UserRef");

type UserRefRow = {
  id: number;
  firstName: string | null;
  lastName: string | null;
  photoUrl: string | null;
  email: string | null;
};

/** Users always have names and an email; the row type allows nulls for rows read as people. */
export function presentUserRef(row: UserRefRow): z.infer<typeof UserRefSchema> {
  return {
    id: row.id,
    type: "user",
    firstName: row.firstName ?? "",
    lastName: row.lastName ?? "",
    photoUrl: row.photoUrl ?? "",
    email: row.email ?? "",
  };
}

import { z } from "@hono/zod-openapi";
import type { customFields, folders, mailboxes } from "../db/schema";
import { toIso } from "../lib/dates";
import { IsoDate } from "../lib/openapi";
import { FolderType, type FolderTypeValue } from "../lib/vocabulary";

export const MailboxSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string().openapi({ description: "The primary address, lower-cased" }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("Mailbox");

/** The extension endpoints show a mailbox with its mail settings; FreeScout's endpoints show `Mailbox`. */
export const MailboxWithSettingsSchema = MailboxSchema.extend({
  aliases: z.array(z.string()).openapi({ description: "Further addresses that route to this mailbox" }),
  fromName: z.string().nullable().openapi({ description: "Name outgoing mail is sent as (null: the mailbox name)" }),
  autoReply: z
    .object({ enabled: z.boolean(), subject: z.string().nullable(), body: z.string().nullable() })
    .openapi({ description: "The auto-reply to a new conversation by email" }),
  signature: z.string().nullable().openapi({ description: "HTML appended to agents' replies" }),
}).openapi("MailboxWithSettings");

export const presentMailbox = (row: typeof mailboxes.$inferSelect): z.infer<typeof MailboxSchema> => ({
  id: row.id,
  name: row.name,
  email: row.email,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});

export const presentMailboxWithSettings = (
  row: typeof mailboxes.$inferSelect,
): z.infer<typeof MailboxWithSettingsSchema> => ({
  ...presentMailbox(row),
  aliases: row.aliases,
  fromName: row.fromName,
  autoReply: { enabled: row.autoReplyEnabled, subject: row.autoReplySubject, body: row.autoReplyBody },
  signature: row.signature,
});

const FOLDER_NAMES: Record<FolderTypeValue, string> = {
  [FolderType.Unassigned]: "Unassigned",
  [FolderType.Mine]: "Mine",
  [FolderType.Starred]: "Starred",
  [FolderType.Drafts]: "Drafts",
  [FolderType.Assigned]: "Assigned",
  [FolderType.Closed]: "Closed",
  [FolderType.Spam]: "Spam",
  [FolderType.Deleted]: "Deleted",
};

export const FolderSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: z.number().int().openapi({
      description:
        "1 Unassigned, 20 Mine, 25 Starred, 30 Drafts, 40 Assigned, 60 Closed, 70 Deleted, 80 Spam (FreeScout core)",
    }),
    userId: z.number().int().nullable(),
    totalCount: z.number().int(),
    activeCount: z.number().int(),
    meta: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi("Folder");

export const presentFolder = (row: typeof folders.$inferSelect): z.infer<typeof FolderSchema> => ({
  id: row.id,
  name: FOLDER_NAMES[row.type],
  type: row.type,
  userId: row.userId,
  totalCount: row.totalCount,
  activeCount: row.activeCount,
  meta: row.meta ?? null,
});

export const CustomFieldSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: z.enum(["singleline", "multiline", "dropdown", "date", "number"]),
    options: z.union([z.record(z.string(), z.string()), z.string(), z.null()]).openapi({
      description: 'Dropdown options (option id -> label); "" or null for other types, as FreeScout returns them',
    }),
    required: z.boolean(),
    sortOrder: z.number().int(),
  })
  .openapi("CustomField");

type FieldDefinitionRow = Omit<typeof customFields.$inferSelect, "mailboxId">;

/** Mailbox custom fields and customer field definitions share this shape. */
export const presentCustomField = (row: FieldDefinitionRow): z.infer<typeof CustomFieldSchema> => ({
  id: row.id,
  name: row.name,
  type: row.type,
  options: row.type === "dropdown" ? (row.options ?? {}) : row.type === "date" ? null : "",
  required: row.required,
  sortOrder: row.sortOrder,
});

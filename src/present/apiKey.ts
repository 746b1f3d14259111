import { z } from "@hono/zod-openapi";
import type { apiKeys } from "../db/schema";
import { toIso } from "../lib/dates";
import { IsoDate } from "../lib/openapi";
import { apiKeyScopes } from "../lib/vocabulary";

export const ApiKeySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scope: z.enum(apiKeyScopes).openapi({ description: "full: reads and writes; read: reads only" }),
    mailboxes: z
      .array(z.number().int())
      .nullable()
      .openapi({ description: "The mailboxes the key is limited to; null: every mailbox" }),
    createdAt: IsoDate,
    revokedAt: IsoDate.nullable(),
  })
  .openapi("ApiKey");

export const presentApiKey = (row: typeof apiKeys.$inferSelect): z.infer<typeof ApiKeySchema> => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  mailboxes: row.mailboxes,
  createdAt: toIso(row.createdAt),
  revokedAt: row.revokedAt === null ? null : toIso(row.revokedAt),
});

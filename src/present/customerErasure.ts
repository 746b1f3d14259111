import { z } from "@hono/zod-openapi";
import { toIso } from "../lib/dates";
import { IsoDate } from "../lib/openapi";
import { type ErasureMode, erasureModes } from "../lib/vocabulary";

/** Delete Customer's answer while the erasure is still running (202): its record, no personal data. */
export const CustomerErasureSchema = z
  .object({
    customerId: z.number().int(),
    conversations: z.enum(erasureModes).openapi({
      description: "`delete`: the customer's conversations are deleted; `keep`: kept without its personal data",
    }),
    byUserId: z.number().int().nullable(),
    requestedAt: IsoDate,
    finishedAt: IsoDate.nullable().openapi({ description: "null while the erasure is still running" }),
  })
  .openapi("CustomerErasure");

export interface ErasureRow {
  customerId: number;
  mode: ErasureMode;
  byUserId: number | null;
  requestedAt: number;
  finishedAt: number | null;
}

export const presentErasure = (row: ErasureRow): z.infer<typeof CustomerErasureSchema> => ({
  customerId: row.customerId,
  conversations: row.mode,
  byUserId: row.byUserId,
  requestedAt: toIso(row.requestedAt),
  finishedAt: toIso(row.finishedAt),
});

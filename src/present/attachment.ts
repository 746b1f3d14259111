/** Attachments as responses show them; `fileUrl` is the signed link (domain/attachments/tokens.ts). */
import { z } from "@hono/zod-openapi";
import type { attachments } from "../db/schema";

export const AttachmentSchema = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    fileUrl: z.string().openapi({ format: "uri" }),
    mimeType: z.string(),
    size: z.number().int(),
  })
  .openapi("Attachment");

export type Attachment = z.infer<typeof AttachmentSchema>;
type AttachmentRow = Pick<typeof attachments.$inferSelect, "id" | "fileName" | "mimeType" | "size">;

export const presentAttachment = (row: AttachmentRow, fileUrl: string): Attachment => ({
  id: row.id,
  fileName: row.fileName,
  fileUrl,
  mimeType: row.mimeType,
  size: row.size,
});

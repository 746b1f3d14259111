/** Download Attachment: the attachment a signed link names, or null for any wrong part of it. */
import { eq } from "drizzle-orm";
import { attachments } from "../../db/schema";
import type { Services } from "../../services";
import { verifyAttachmentToken } from "./tokens";

export type AttachmentRow = typeof attachments.$inferSelect;

export async function findSignedAttachment(
  { db, secrets }: Pick<Services, "db" | "secrets">,
  link: { id: number; token: string },
): Promise<AttachmentRow | null> {
  if (!link.id) return null;
  const row = await db.select().from(attachments).where(eq(attachments.id, link.id)).get();
  if (!row || !(await verifyAttachmentToken(secrets.attachmentSigning, row, link.token))) return null;
  return row;
}

/** The object's metadata (HEAD) or its bytes, the whole or a range; null when R2 has none. */
export function readAttachmentObject(
  { storage }: Pick<Services, "storage">,
  row: AttachmentRow,
  read: { headOnly: boolean; range?: { offset: number; length: number } },
): Promise<R2Object | R2ObjectBody | null> {
  if (read.headOnly) return storage.head(row.r2Key);
  return storage.get(row.r2Key, read.range ? { range: read.range } : undefined);
}

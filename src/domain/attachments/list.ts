/** List Conversation Attachments (extension): one round trip, served by attachments_conversation_idx. */
import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { attachments, conversations } from "../../db/schema";
import { notFound } from "../../lib/errors";
import type { Services } from "../../services";
import { namedBatch } from "../batch";
import { attachmentUrls } from "./tokens";

export const attachmentStatements = (db: Database, conversationId: number) => ({
  conversation: db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, conversationId)),
  rows: db
    .select({
      id: attachments.id,
      threadId: attachments.threadId,
      fileName: attachments.fileName,
      mimeType: attachments.mimeType,
      size: attachments.size,
      r2Key: attachments.r2Key,
    })
    .from(attachments)
    .where(eq(attachments.conversationId, conversationId))
    .orderBy(asc(attachments.id)),
});

/** The conversation's attachments, oldest first, with their signed links (same order). */
export async function listConversationAttachments(
  services: Pick<Services, "db" | "origin" | "secrets">,
  input: { conversationId: number },
) {
  const { db } = services;
  const { conversation, rows } = await namedBatch(db, attachmentStatements(db, input.conversationId));
  if (!conversation[0]) throw notFound("conversationId", input.conversationId);
  return { rows, urls: await attachmentUrls(services, rows) };
}

/**
 * Delete Conversation deletes forever: the rows in one batch (all or nothing), then the
 * R2 objects. An object whose delete fails is left to the orphan sweep, never a row.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { attachments, conversations, conversationTags, threads, timelogs } from "../../db/schema";
import { notFound } from "../../lib/errors";

/** Deletes the rows; returns the R2 keys of the conversation's attachments. */
export async function deleteConversationRows(db: Database, id: number): Promise<string[]> {
  const [files, , , , deleted] = await db.batch([
    db.delete(attachments).where(eq(attachments.conversationId, id)).returning({ r2Key: attachments.r2Key }),
    db.delete(threads).where(eq(threads.conversationId, id)),
    db.delete(conversationTags).where(eq(conversationTags.conversationId, id)),
    db.delete(timelogs).where(eq(timelogs.conversationId, id)),
    db.delete(conversations).where(eq(conversations.id, id)).returning({ id: conversations.id }),
  ]);
  if (!deleted[0]) throw notFound("conversationId", id);
  return files.map((file) => file.r2Key);
}

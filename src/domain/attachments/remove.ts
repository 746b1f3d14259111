/**
 * Delete Conversation Attachment (extension): the row in one batch that also marks its thread
 * and conversation updated, then the R2 object (best effort: one left behind is found by the
 * orphan sweep, orphans.ts).
 */
import { and, eq, sql } from "drizzle-orm";
import { attachments, conversations, threads } from "../../db/schema";
import { notFound } from "../../lib/errors";
import type { Services } from "../../services";
import { namedBatch } from "../batch";
import type { DomainEvent } from "../webhooks/publish";
import { deleteAttachmentObjects } from "./store";

export interface DeleteAttachmentInput {
  conversationId: number;
  attachmentId: number;
}

export async function deleteConversationAttachment(
  services: Pick<Services, "db" | "storage" | "clock">,
  input: DeleteAttachmentInput,
): Promise<{ events: DomainEvent[] }> {
  const { db } = services;
  const { conversationId, attachmentId } = input;
  const now = services.clock.seconds();
  const inConversation = and(eq(attachments.id, attachmentId), eq(attachments.conversationId, conversationId));
  const { conversation, deleted } = await namedBatch(db, {
    conversation: db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, conversationId)),
    thread: db
      .update(threads)
      .set({ updatedAt: now })
      .where(eq(threads.id, sql`(SELECT ${attachments.threadId} FROM ${attachments} WHERE ${inConversation})`)),
    touched: db
      .update(conversations)
      .set({ updatedAt: now })
      .where(
        and(eq(conversations.id, conversationId), sql`EXISTS (SELECT 1 FROM ${attachments} WHERE ${inConversation})`),
      ),
    deleted: db.delete(attachments).where(inConversation).returning({ r2Key: attachments.r2Key }),
  });
  if (!conversation[0]) throw notFound("conversationId", conversationId);
  if (!deleted[0]) throw notFound("attachmentId", attachmentId);
  await deleteAttachmentObjects(
    services,
    deleted.map((row) => row.r2Key),
  );
  return { events: [] };
}

/**
 * Delete Conversation deletes forever: the rows in one batch (all or nothing), then the
 * R2 objects. An object whose delete fails is left to the orphan sweep, never a row.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { attachments, conversations, conversationTags, threads, timelogs, webhooks } from "../../db/schema";
import { notFound } from "../../lib/errors";
import type { Services } from "../../services";
import { deleteAttachmentObjects } from "../attachments/store";
import { namedBatch } from "../batch";
import { DELETE_EVENTS, deleteEvents } from "../webhooks/events";
import type { DomainEvent } from "../webhooks/publish";
import { batchGroups } from "./batchGroups";
import { conversationReads, type Reader, WITH_THREADS } from "./load";

type Deps = Reader & Pick<Services, "storage" | "background">;

export async function deleteConversation(
  services: Deps,
  input: { conversationId: number },
): Promise<{ events: DomainEvent[] }> {
  const before = await conversationBeforeDelete(services, input.conversationId);
  const r2Keys = await deleteConversationRows(services.db, input.conversationId);
  if (r2Keys.length) services.background(deleteAttachmentObjects(services, r2Keys));
  return { events: deleteEvents(before) };
}

/**
 * The conversation as it is before a delete, if some webhook wants the delete events: read
 * with the subscriptions in one round trip, and presented only when some webhook wants it.
 */
async function conversationBeforeDelete(services: Reader, id: number) {
  const { db } = services;
  const conversation = conversationReads(db, id, WITH_THREADS);
  const reads = await batchGroups(db, {
    subscribers: db.select({ events: webhooks.events }).from(webhooks),
    ...conversation.groups,
  });
  const wanted = reads.subscribers.some((row) =>
    row.events.some((event) => (DELETE_EVENTS as readonly string[]).includes(event)),
  );
  return wanted ? conversation.finish(services, reads) : null;
}

/** Deletes the rows; returns the R2 keys of the conversation's attachments. */
async function deleteConversationRows(db: Database, id: number): Promise<string[]> {
  const { files, deleted } = await namedBatch(db, {
    files: db.delete(attachments).where(eq(attachments.conversationId, id)).returning({ r2Key: attachments.r2Key }),
    threads: db.delete(threads).where(eq(threads.conversationId, id)),
    tags: db.delete(conversationTags).where(eq(conversationTags.conversationId, id)),
    timelogs: db.delete(timelogs).where(eq(timelogs.conversationId, id)),
    deleted: db.delete(conversations).where(eq(conversations.id, id)).returning({ id: conversations.id }),
  });
  if (!deleted[0]) throw notFound("conversationId", id);
  return files.map((file) => file.r2Key);
}

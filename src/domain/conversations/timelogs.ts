/** Time Tracking timelogs of a conversation: Create Timelog and List Conversation Timelogs. */
import { count, desc, eq, sql } from "drizzle-orm";
import type { TimelogRow } from "../../db/conversationQueries";
import { conversations, timelogs, users } from "../../db/schema";
import { invalidField, notFound } from "../../lib/errors";
import type { ConversationStatus } from "../../lib/vocabulary";
import type { Services } from "../../services";
import { namedBatch } from "../batch";
import { listPage, type Paging } from "../paging";
import type { DomainEvent } from "../webhooks/publish";

export interface NewTimelog {
  conversationId: number;
  userId: number;
  /** Seconds. */
  timeSpent: number;
  paused?: boolean;
  finished?: boolean;
  /** Defaults to the conversation's current status. */
  conversationStatus?: ConversationStatus;
}

/** One statement inserts the row only if the conversation and the user exist; no event. */
export async function createTimelog(
  { db, clock }: Pick<Services, "db" | "clock">,
  input: NewTimelog,
): Promise<{ timelog: TimelogRow; events: DomainEvent[] }> {
  const now = clock.seconds();
  const { user, inserted } = await namedBatch(db, {
    user: db.select({ id: users.id }).from(users).where(eq(users.id, input.userId)),
    inserted:
      db.run(sql`INSERT INTO timelogs (conversation_id, user_id, conversation_status, time_spent, paused, finished, created_at, updated_at)
      SELECT id, ${input.userId}, coalesce(${input.conversationStatus ?? null}, status), ${input.timeSpent},
        ${input.paused ? 1 : 0}, ${input.finished === false ? 0 : 1}, ${now}, ${now}
      FROM ${conversations} WHERE id = ${input.conversationId} AND EXISTS (SELECT 1 FROM users WHERE id = ${input.userId})
      RETURNING *`),
  });
  const row = (inserted as { results?: Record<string, unknown>[] }).results?.[0];
  if (!row) {
    if (!user[0]) throw invalidField("userId", "User not found", input.userId);
    throw notFound("conversationId", input.conversationId);
  }
  const timelog: TimelogRow = {
    id: row.id as number,
    conversationId: input.conversationId,
    userId: input.userId,
    conversationStatus: row.conversation_status as ConversationStatus,
    timeSpent: input.timeSpent,
    paused: Boolean(row.paused),
    finished: Boolean(row.finished),
    createdAt: now,
    updatedAt: now,
  };
  return { timelog, events: [] };
}

/** Newest first; an unknown conversation has none (200 and an empty list, as FreeScout's module). One round trip. */
export async function listTimelogs({ db }: Pick<Services, "db">, input: { conversationId: number; page: Paging }) {
  const { conversationId } = input;
  return listPage(db, input.page, {
    rows: db
      .select()
      .from(timelogs)
      .where(eq(timelogs.conversationId, conversationId))
      .orderBy(desc(timelogs.createdAt), desc(timelogs.id)),
    total: db.select({ n: count() }).from(timelogs).where(eq(timelogs.conversationId, conversationId)),
  });
}

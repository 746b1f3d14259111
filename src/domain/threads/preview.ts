/**
 * The conversation's preview and customer-waiting time come from its newest published reply
 * (customer, chat or agent message; notes and phone threads never set them, as in Create
 * Thread). Editing, hiding or deleting that reply moves them to the reply that is newest
 * afterwards; with none left the preview is empty and nobody is waiting.
 */
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { conversations, threads } from "../../db/schema";
import type { ThreadType } from "../../lib/vocabulary";
import type { Statement } from "../batch";
import { previewOf } from "../conversations/threadRules";

const REPLY_TYPES = ["customer", "message", "chat"] as const satisfies ThreadType[];

export interface Reply {
  id: number;
  type: ThreadType;
  body: string | null;
  createdAt: number;
}

/** The thread as a change leaves it; not `visible` when it is deleted, hidden or not published. */
export interface ChangedThread extends Reply {
  visible: boolean;
}

const newestFirst = (a: Reply, b: Reply) => b.createdAt - a.createdAt || b.id - a.id;

const replyFrom = (type: ThreadType) => (type === "message" ? "user" : "customer");

const isReplyType = (type: ThreadType) => (REPLY_TYPES as readonly ThreadType[]).includes(type);

/** The two newest published replies: enough to know the newest after one of them changes. */
export const newestReplies = (db: Database, conversationId: number) =>
  db
    .select({ id: threads.id, type: threads.type, body: threads.body, createdAt: threads.createdAt })
    .from(threads)
    .where(
      and(
        eq(threads.conversationId, conversationId),
        inArray(threads.type, [...REPLY_TYPES]),
        eq(threads.state, "published"),
      ),
    )
    .orderBy(desc(threads.createdAt), desc(threads.id))
    .limit(2);

/** The newest reply once `changed` is as given, and whether the conversation shows it differently. */
export function replyAfter(newest: readonly Reply[], changed: ChangedThread) {
  const before = newest[0] ?? null;
  const others = newest.filter((reply) => reply.id !== changed.id);
  const candidates = changed.visible && isReplyType(changed.type) ? [...others, changed] : others;
  const after = candidates.sort(newestFirst)[0] ?? null;
  const moved = after?.id !== before?.id;
  const reworded = !moved && after?.id === changed.id && after.body !== before?.body;
  return { after, moved, affected: moved || reworded };
}

/**
 * The conversation's preview (and waiting time, when the newest reply is another one) from
 * `after`, written only if, within the batch, `after` is still the newest published reply.
 */
export function previewStatement(
  db: Database,
  conversationId: number,
  change: { after: Reply | null; moved: boolean },
  precondition: SQL,
): Statement {
  const { after, moved } = change;
  const newestNow = sql`(SELECT id FROM threads WHERE conversation_id = ${conversationId}
    AND type IN ('customer', 'message', 'chat') AND state = 'published'
    ORDER BY created_at DESC, id DESC LIMIT 1)`;
  return db
    .update(conversations)
    .set({
      preview: after ? previewOf(after.body ?? "") : "",
      ...(moved && { lastReplyAt: after?.createdAt ?? null, lastReplyFrom: after ? replyFrom(after.type) : null }),
    })
    .where(and(eq(conversations.id, conversationId), precondition, sql`${newestNow} IS ${after?.id ?? null}`));
}

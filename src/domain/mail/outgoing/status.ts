/**
 * The delivery state of outgoing email, on the thread (the API shows it as the thread's
 * `mail`): queued -> sent (with the provider's message id) | failed (with the reason) |
 * not_sent (nothing was attempted, with the reason). A failure is also written on the
 * conversation as a line item ("Email to ... could not be sent: ..."), so an agent reading
 * the conversation sees it. Each change is one D1 batch.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Statement } from "../../../db/ids";
import { conversations, mailMessages, threads } from "../../../db/schema";
import type { Services } from "../../../services";
import type { Reader } from "../../conversations/load";
import { mailFailedEvents } from "../../webhooks/events";
import type { DomainEvent } from "../../webhooks/publish";
import type { OutgoingMail } from "./message";

type Deps = Pick<Services, "db" | "clock">;

/** Provider ids and header ids are stored as mail_messages keeps them: no angle brackets, lower-cased. */
export const bareMessageId = (id: string) => id.trim().replace(/^<|>$/g, "").toLowerCase();

export async function recordSent(
  { db, clock }: Deps,
  mail: OutgoingMail,
  sent: { mailboxId: number; providerId: string },
): Promise<void> {
  const now = clock.seconds();
  const statements: Statement[] = [
    db
      .insert(mailMessages)
      .values({
        mailboxId: sent.mailboxId,
        messageId: bareMessageId(sent.providerId),
        direction: "out",
        conversationId: mail.conversationId,
        threadId: mail.kind === "reply" ? mail.threadId : null,
        rawR2Key: null,
        createdAt: now,
      })
      .onConflictDoNothing(),
  ];
  if (mail.kind === "reply") {
    statements.push(
      db
        .update(threads)
        .set({ mailStatus: "sent", mailError: null, mailProviderId: sent.providerId, mailSentAt: now })
        .where(eq(threads.id, mail.threadId)),
    );
  }
  await db.batch(statements as [Statement, ...Statement[]]);
}

/** A reply that was never attempted (deleted conversation, no recipient, no binding). */
export async function recordNotSent({ db }: Pick<Services, "db">, mail: OutgoingMail, reason: string): Promise<void> {
  if (mail.kind !== "reply") return;
  await db
    .update(threads)
    .set({ mailStatus: "not_sent", mailError: reason })
    .where(and(eq(threads.id, mail.threadId), eq(threads.mailStatus, "queued")));
}

/** A failed attempt that will be retried: the reply stays queued, with the last error to see. */
export async function recordAttemptError({ db }: Pick<Services, "db">, mail: OutgoingMail, reason: string) {
  if (mail.kind !== "reply") return;
  await db
    .update(threads)
    .set({ mailError: reason })
    .where(and(eq(threads.id, mail.threadId), eq(threads.mailStatus, "queued")));
}

/** The email will not be sent: the reply is marked failed and the conversation gets a line item saying why. */
export async function recordFailure(
  services: Reader,
  mail: OutgoingMail,
  reason: string,
  recipients: string[] = [],
): Promise<DomainEvent[]> {
  const { db, clock } = services;
  const now = clock.seconds();
  const what = mail.kind === "reply" ? "Email" : "Auto-reply";
  const to = recipients.length ? ` to ${recipients.join(", ")}` : "";
  const text = `${what}${to} could not be sent: ${reason}`.slice(0, 1000);
  const statements: Statement[] = [];
  if (mail.kind === "reply") {
    statements.push(
      db.update(threads).set({ mailStatus: "failed", mailError: reason }).where(eq(threads.id, mail.threadId)),
    );
  }
  const author =
    mail.kind === "reply" ? sql`(SELECT created_by_user_id FROM threads WHERE id = ${mail.threadId})` : sql`NULL`;
  statements.push(
    db.run(sql`INSERT INTO threads (conversation_id, type, status, state, action_text, source_via, source_type,
        customer_id, created_by_user_id, assigned_to_user_id, "to", cc, bcc, imported, created_at, updated_at)
      SELECT id, 'lineitem', status, 'published', ${text}, 'user', 'email',
        customer_id, ${author}, assignee_id, '[]', '[]', '[]', 0, ${now}, ${now}
      FROM conversations WHERE id = ${mail.conversationId}`),
    db
      .update(conversations)
      .set({ threadsCount: sql`${conversations.threadsCount} + 1`, updatedAt: now })
      .where(eq(conversations.id, mail.conversationId)),
  );
  await db.batch(statements as [Statement, ...Statement[]]);
  return mailFailedEvents(services, mail, { reason, recipients, failedAt: now });
}

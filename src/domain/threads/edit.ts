/**
 * Update Thread (extension): a new text for a note or an agent's thread, or a thread hidden
 * or shown again (rules.ts). Two round trips: the read, then one batch that writes the
 * change and its history and reads the thread back.
 */
import { ApiError, invalidField } from "../../lib/errors";
import type { Thread } from "../../present/conversation";
import type { Reader } from "../conversations/load";
import type { DomainEvent } from "../webhooks/publish";
import { changeEvents } from "./events";
import { readThread, requireUser, type ThreadTarget } from "./reads";
import { planEdit, type ThreadChange } from "./rules";
import { writeChange } from "./write";

export interface EditThreadInput extends ThreadTarget, ThreadChange {
  /** Who makes the change: an active user (required). */
  byUserId?: number;
}

export interface EditedThread {
  thread: Thread;
  /** convo.thread.updated (an extension event: only webhooks naming it get it) when something changed. */
  events: DomainEvent[];
}

const MAX_ATTEMPTS = 3;

export async function editThread(services: Reader, input: EditThreadInput): Promise<EditedThread> {
  for (let attempt = 1; ; attempt++) {
    const read = await readThread(services.db, input, input.byUserId);
    const outcome = planEdit(read.thread, input);
    if (input.byUserId === undefined) throw invalidField("byUserId", "Required: the user making the change");
    requireUser(read, input.byUserId, "JSON");
    const written = await writeChange(services, input, read, { outcome, byUserId: input.byUserId, answer: true });
    if (written) return { thread: written.thread!, events: changeEvents(services, input, written.changed, "updated") };
    if (attempt >= MAX_ATTEMPTS) throw busy(input.threadId);
  }
}

/** The thread kept changing under concurrent requests. */
export const busy = (threadId: number) =>
  new ApiError(409, [
    {
      path: "threadId",
      message: "The thread is being changed by another request; try again",
      rejectedValue: threadId,
      source: "PATH",
    },
  ]);

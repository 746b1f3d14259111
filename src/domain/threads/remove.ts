/**
 * Delete Thread (extension): an agent's thread (message, phone) or a note is deleted with its
 * attachments (rows in the batch, R2 objects after it commits); a customer's thread is hidden,
 * never destroyed; a line item and the conversation's only thread stay (rules.ts).
 */
import type { Services } from "../../services";
import { deleteAttachmentObjects } from "../attachments/store";
import type { Reader } from "../conversations/load";
import type { DomainEvent } from "../webhooks/publish";
import { busy } from "./edit";
import { changeEvents } from "./events";
import { readThread, requireUser, type ThreadTarget } from "./reads";
import { planDelete } from "./rules";
import { writeChange, writeDelete } from "./write";

export interface DeleteThreadInput extends ThreadTarget {
  /** Who deletes it; recorded when a customer's thread is hidden. */
  byUserId?: number;
}

export interface DeletedThread {
  outcome: "deleted" | "hidden";
  /** Extension events (only webhooks naming them get them): convo.thread.deleted, or convo.thread.updated for a thread hidden. */
  events: DomainEvent[];
}

const MAX_ATTEMPTS = 3;

export async function deleteThread(
  services: Reader & Pick<Services, "storage">,
  input: DeleteThreadInput,
): Promise<DeletedThread> {
  for (let attempt = 1; ; attempt++) {
    const read = await readThread(services.db, input, input.byUserId);
    requireUser(read, input.byUserId, "QUERY");
    if (planDelete(read.thread, read.conversation.threadsCount) === "hide") {
      const outcome = { body: read.thread.body, state: "hidden" as const };
      const written = await writeChange(services, input, read, {
        outcome,
        byUserId: input.byUserId ?? null,
        answer: false,
      });
      if (written) return { outcome: "hidden", events: changeEvents(services, input, written.changed, "updated") };
    } else if (await writeDelete(services, input, read)) {
      // After the commit, best effort: an object left behind is found by the orphan sweep.
      await deleteAttachmentObjects(services, read.r2Keys);
      return { outcome: "deleted", events: changeEvents(services, input, true, "deleted") };
    }
    if (attempt >= MAX_ATTEMPTS) throw busy(input.threadId);
  }
}

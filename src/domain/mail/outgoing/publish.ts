/**
 * After a write commits, its emails go on the outgoing-mail queue in the background (the
 * response never waits). If the queue refuses them, each reply is recorded as failed with
 * the reason, so the thread never stays "queued" for ever without anyone knowing.
 */
import type { Services } from "../../../services";
import { publishEvents } from "../../webhooks/publish";
import type { OutgoingMail } from "./message";
import { recordFailure } from "./status";

/** Queues take at most 100 messages per sendBatch. */
const SEND_BATCH_MESSAGES = 100;

export function publishMail(services: Services, mail: OutgoingMail[] | undefined): void {
  if (!mail?.length) return;
  services.background(enqueueMail(services, mail));
}

export async function enqueueMail(services: Services, mail: OutgoingMail[]): Promise<void> {
  const queue = services.queues.mail;
  for (let start = 0; start < mail.length; start += SEND_BATCH_MESSAGES) {
    const chunk = mail.slice(start, start + SEND_BATCH_MESSAGES);
    try {
      if (!queue) throw new Error("no outgoing mail queue is bound (MAIL_QUEUE)");
      await queue.sendBatch(chunk.map((body) => ({ body, contentType: "json" as const })));
    } catch (error) {
      const reason = `Not sent: the email could not be queued (${error instanceof Error ? error.message : String(error)})`;
      console.error("outgoing mail not queued", error);
      for (const message of chunk) {
        await recordFailure(services, message, reason).then(
          (events) => publishEvents(services, events),
          (e) => console.error("mail failure not recorded", e),
        );
      }
    }
  }
}

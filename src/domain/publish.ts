/**
 * What every entry point does with a write's result after it commits: its events go to the
 * webhooks, its emails to the outgoing-mail queue, both in the background.
 */
import type { Services } from "../services";
import type { OutgoingMail } from "./mail/outgoing/message";
import { publishMail } from "./mail/outgoing/publish";
import { type DomainEvent, publishEvents } from "./webhooks/publish";

export function publish(services: Services, result: { events: DomainEvent[]; mail?: OutgoingMail[] }): void {
  publishEvents(services, result.events);
  publishMail(services, result.mail);
}

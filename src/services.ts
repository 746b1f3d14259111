/**
 * The one services object every entry point builds and every domain function takes first:
 * `createConversation(services, input)`. The domain reaches storage, queues, secrets and the
 * clock only through it, so an HTTP route, a queue consumer, the cron and the `email()`
 * handler run the same code, and a test can build one over the real local bindings.
 */
import { type Config, readConfig } from "./config";
import { createDb, type Database } from "./db/client";
import { type D1Stats, instrumentD1, newD1Stats, serverTiming } from "./db/instrument";
import type { OutgoingMail } from "./domain/mail/outgoing/message";
import type { WebhookMessage } from "./domain/webhooks/message";

export interface Clock {
  /** Unix seconds, as every timestamp column stores time. */
  seconds(): number;
  /** Unix milliseconds. */
  millis(): number;
}

export const systemClock: Clock = {
  seconds: () => Math.floor(Date.now() / 1000),
  millis: () => Date.now(),
};

export interface Secrets {
  /** Key of the HMAC in attachment download links. */
  attachmentSigning: string;
  /** Key of the installation's webhook signatures. */
  webhook: string;
}

export interface Services {
  db: Database;
  config: Config;
  /** R2: attachment objects and webhook bodies too large for a queue message. */
  storage: R2Bucket;
  /** `mail` is null when no MAIL_QUEUE is bound: replies are then recorded as not sent. */
  queues: { webhooks: Queue<WebhookMessage>; mail: Queue<OutgoingMail> | null };
  /**
   * The Email Service `send_email` binding (EMAIL) outgoing mail is sent through; null when
   * none is configured: replies are then recorded as not sent, with the reason.
   */
  mailer: SendEmail | null;
  secrets: Secrets;
  clock: Clock;
  /**
   * This Worker's origin, for absolute links in what the API and webhooks show (attachment
   * URLs): the request's origin over HTTP, `PUBLIC_URL` elsewhere (queues, cron, email).
   */
  origin: string;
  /** Work that may finish after the response (ctx.waitUntil); never awaited by the caller. */
  background(task: Promise<unknown>): void;
}

export interface ServiceOptions {
  /** Counts this request's D1 round trips and rows (Server-Timing). */
  d1Stats?: D1Stats;
  clock?: Clock;
  origin?: string;
}

export function createServices(
  env: Env,
  ctx: Pick<ExecutionContext, "waitUntil">,
  options: ServiceOptions = {},
): Services {
  return {
    db: createDb(options.d1Stats ? instrumentD1(env.DB, options.d1Stats) : env.DB),
    config: readConfig(env),
    storage: env.ATTACHMENTS,
    queues: { webhooks: env.WEBHOOK_QUEUE, mail: (env.MAIL_QUEUE as Queue<OutgoingMail> | undefined) ?? null },
    mailer: (env.EMAIL as SendEmail | undefined) ?? null,
    secrets: { attachmentSigning: env.ATTACHMENT_SIGNING_SECRET ?? "", webhook: env.WEBHOOK_SECRET ?? "" },
    clock: options.clock ?? systemClock,
    origin: options.origin ?? (typeof env.PUBLIC_URL === "string" ? env.PUBLIC_URL.replace(/\/$/, "") : ""),
    background: (task) => ctx.waitUntil(task),
  };
}

/** Services for one HTTP request, counting its D1 cost for the Server-Timing header. */
export function requestServices(env: Env, ctx: Pick<ExecutionContext, "waitUntil">, origin: string) {
  const d1Stats = newD1Stats();
  const services = createServices(env, ctx, { d1Stats, origin });
  return { services, serverTiming: () => serverTiming(d1Stats) };
}

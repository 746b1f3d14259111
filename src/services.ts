/**
 * The one services object every entry point builds and every domain function takes first:
 * `createConversation(services, input)`. The domain reaches storage, queues, secrets and the
 * clock only through it, so an HTTP route, a queue consumer, the cron and the `email()`
 * handler run the same code, and a test can build one over the real local bindings.
 */
import { type Config, readConfig } from "./config";
import { createDb, type Database } from "./db/client";
import { CountingD1, type D1Stats, newD1Stats, serverTiming } from "./db/instrument";
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
  /**
   * Where the D1 session starts (read replication, README "Read replicas"): a bookmark, or
   * "first-primary" (the default: queue consumers, the cron and email write) or
   * "first-unconstrained" (reads served by the nearest replica).
   */
  d1Session?: D1SessionConstraint | D1SessionBookmark;
  clock?: Clock;
  origin?: string;
}

export function createServices(
  env: Env,
  ctx: Pick<ExecutionContext, "waitUntil">,
  options: ServiceOptions = {},
): Services {
  return servicesOver(sessionOf(env.DB, options.d1Session ?? "first-primary"), env, ctx, options);
}

/**
 * A D1 session starting where asked; the binding itself where there is none to start (a
 * placeholder binding, as the OpenAPI document's test passes: that route reads no storage).
 */
function sessionOf(db: D1Database, start: D1SessionConstraint | D1SessionBookmark): D1DatabaseSession | D1Database {
  return typeof db?.withSession === "function" ? db.withSession(start) : db;
}

function servicesOver(
  d1: D1DatabaseSession | D1Database,
  env: Env,
  ctx: Pick<ExecutionContext, "waitUntil">,
  options: ServiceOptions,
): Services {
  return {
    db: createDb(new CountingD1(d1, options.d1Stats ?? newD1Stats())),
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

/**
 * The header a D1 session bookmark travels in, both ways (Cloudflare's name in its read
 * replication examples): a response carries the bookmark of what the request read and wrote,
 * and a request that sends it back reads a replica at least that up to date.
 */
export const BOOKMARK_HEADER = "x-d1-bookmark";

/**
 * A bookmark as D1 issues them: four dash-separated hex fields of fixed width (8-8-8-32), which
 * the D1 binding compares as strings to keep the newest. Anything else a client sends is
 * ignored (the request starts as if it had sent none) rather than handed to D1 to fail on.
 */
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/**
 * Where a request's D1 session starts. Reads (GET, HEAD, OPTIONS) start at the client's
 * bookmark, so a client sees its own writes, or anywhere (the nearest replica); writes start
 * at the primary, which is never behind any bookmark, so their checks read the latest rows.
 */
export function sessionStart(
  method: string,
  bookmark: string | null | undefined,
): D1SessionConstraint | D1SessionBookmark {
  if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") return "first-primary";
  return bookmark && BOOKMARK.test(bookmark) ? bookmark : "first-unconstrained";
}

export interface RequestInfo {
  method: string;
  /** The request's origin, for absolute links. */
  origin: string;
  /** The client's BOOKMARK_HEADER, if any. */
  bookmark: string | null | undefined;
}

/**
 * Services for one HTTP request: its own D1 session, counting its D1 cost for the
 * Server-Timing header, and the session's latest bookmark for BOOKMARK_HEADER.
 */
export function requestServices(env: Env, ctx: Pick<ExecutionContext, "waitUntil">, request: RequestInfo) {
  const d1Stats = newD1Stats();
  const session = sessionOf(env.DB, sessionStart(request.method, request.bookmark));
  const services = servicesOver(session, env, ctx, { d1Stats, origin: request.origin });
  const bookmark = () => ("getBookmark" in session ? session.getBookmark() : null);
  return { services, serverTiming: () => serverTiming(d1Stats), bookmark };
}

/**
 * Enforces an API key's scope (extension) before a route runs:
 * - a read-only key is refused every write (403);
 * - a key limited to mailboxes sees nothing of other mailboxes: a mailbox or conversation
 *   elsewhere answers 404 to reads and 403 to writes; Create Conversation into, and moving a
 *   conversation to, another mailbox is 403; lists are filtered by their routes (List
 *   Conversations, List Mailboxes). Installation-wide changes (webhooks, API keys, users,
 *   mailboxes, customer fields, customer erasure) need a full key.
 * Full keys pass without any work. The conversation's mailbox costs a limited key one D1 read.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { conversationMailbox, isFullKey, type KeyAccess, mayUseMailbox } from "../../domain/apiKeys";
import { ApiError, notFound } from "../../lib/errors";
import type { AppEnv } from "../env";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

const forbidden = (path: string, message: string, source: "PATH" | "JSON" | "HEADER" = "HEADER") =>
  new ApiError(403, [{ path, message, source }]);

/** Changes that reach beyond any mailbox: a limited key may not make them. */
function installationWide(method: string, path: string): boolean {
  if (path.startsWith("/api/webhooks")) return true;
  if (READS.has(method)) return false;
  if (path === "/api/mailboxes" || path === "/api/customer_fields") return true;
  if (path === "/api/users" || path.startsWith("/api/users/")) return true;
  return method === "DELETE" && path.startsWith("/api/customers/");
}

const MAILBOX_PATH = /^\/api\/mailboxes\/(\d+)(\/|$)/;
const CONVERSATION_PATH = /^\/api\/conversations\/(\d+)(\/|$)/;

async function targetMailbox(c: Context<AppEnv>) {
  const body = (await c.req.json().catch(() => null)) as { mailboxId?: unknown } | null;
  const id = Number(body?.mailboxId);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export const keyScope = createMiddleware<AppEnv>(async (c, next) => {
  const access: KeyAccess | undefined = c.var.access;
  if (!access || isFullKey(access)) return next();
  const { method, path } = c.req;
  const write = !READS.has(method);
  if (path === "/api/api-keys" || path.startsWith("/api/api-keys/")) {
    throw forbidden("api_key", "Only a full API key may manage API keys");
  }
  if (access.readOnly && write) throw forbidden("api_key", "This API key may only read");
  if (access.mailboxes === null) return next();
  if (installationWide(method, path)) throw forbidden("api_key", "This API key is limited to some mailboxes");

  const mailbox = MAILBOX_PATH.exec(path);
  if (mailbox && !mayUseMailbox(access, Number(mailbox[1]))) {
    if (write) throw forbidden("mailboxId", "This API key may not use this mailbox", "PATH");
    throw notFound("mailboxId", Number(mailbox[1]));
  }
  const conversation = CONVERSATION_PATH.exec(path);
  if (conversation) {
    const id = Number(conversation[1]);
    const mailboxId = await conversationMailbox(c.var.services, id);
    if (mailboxId !== null && !mayUseMailbox(access, mailboxId)) {
      if (write) throw forbidden("conversationId", "This API key may not use this conversation's mailbox", "PATH");
      throw notFound("conversationId", id);
    }
  }
  if ((method === "POST" && path === "/api/conversations") || (method === "PUT" && conversation && !conversation[2])) {
    const target = await targetMailbox(c);
    if (target !== null && !mayUseMailbox(access, target)) {
      throw forbidden("mailboxId", "This API key may not use this mailbox", "JSON");
    }
  }
  return next();
});

/**
 * Fails closed on configuration: a request whose endpoint needs a binding or secret that this
 * deployment lacks gets a 503 in the error envelope before any work is done, so nothing is
 * written that could not then be presented (an attachment link cannot be signed without
 * ATTACHMENT_SIGNING_SECRET). Each missing setting is logged once per isolate.
 *
 * Which endpoint needs what:
 * - every /api endpoint but the OpenAPI document: DB (API keys are checked in D1);
 * - /api/conversations/** and /storage/attachment/**: ATTACHMENTS and ATTACHMENT_SIGNING_SECRET,
 *   since a conversation's threads and its webhook bodies carry signed attachment links;
 * - writes to conversations and customers: WEBHOOK_QUEUE, where their events are enqueued;
 * - creating and changing webhooks: WEBHOOK_SECRET (a webhook's own secret is sealed with it);
 *   pings and re-deliveries: WEBHOOK_QUEUE too. Other writes only enqueue events: the queue consumer
 *   signs them and retries while the secret is missing, so they need not wait for it.
 */
import { createMiddleware } from "hono/factory";
import { missingSettings, type RequiredSetting, requiredSettings } from "../../config";
import type { AppEnv } from "../env";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export function settingsFor(method: string, path: string): RequiredSetting[] {
  const needs: RequiredSetting[] = [];
  const write = !READS.has(method);
  if (under(path, "/storage/attachment")) return ["DB", "ATTACHMENTS", "ATTACHMENT_SIGNING_SECRET"];
  if (!under(path, "/api") || path === "/api/openapi.json") return needs;
  needs.push("DB");
  if (under(path, "/api/conversations")) needs.push("ATTACHMENTS", "ATTACHMENT_SIGNING_SECRET");
  if (write && (under(path, "/api/conversations") || under(path, "/api/customers"))) needs.push("WEBHOOK_QUEUE");
  if ((method === "POST" || method === "PUT") && under(path, "/api/webhooks")) needs.push("WEBHOOK_SECRET");
  if (method === "POST" && path.startsWith("/api/webhooks/")) needs.push("WEBHOOK_QUEUE");
  return needs;
}

const logged = new Set<RequiredSetting>();

function logOnce(missing: RequiredSetting[]) {
  for (const name of missing) {
    if (logged.has(name)) continue;
    logged.add(name);
    console.error(`Configuration: ${name} is not set; requests to ${requiredSettings[name].neededBy} answer 503`);
  }
}

function unavailable(missing: RequiredSetting[]) {
  const errors = missing.map((name) => ({
    path: name,
    message: `${name} is not configured on this server (${requiredSettings[name].kind}); see README "Troubleshooting"`,
    source: "JSON" as const,
  }));
  return { message: "Service unavailable", errorCode: "SERVICE UNAVAILABLE", _embedded: { errors } };
}

/** `only` limits the check to some settings (DB before auth, the rest after it). */
export const requireConfig = (only?: readonly RequiredSetting[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const needed = settingsFor(c.req.method, c.req.path).filter((name) => !only || only.includes(name));
    const missing = missingSettings(c.env, needed);
    if (missing.length === 0) return next();
    logOnce(missing);
    return c.json(unavailable(missing), 503, { "Retry-After": "60" });
  });

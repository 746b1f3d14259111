/**
 * CORS as FreeScout administrators configure it: one allowed origin value
 * (`CORS_ALLOW_ORIGIN`: "*", one origin, or a comma list of origins; empty disables CORS).
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { BOOKMARK_HEADER } from "../../services";
import type { AppEnv } from "../env";

const ALLOWED_HEADERS = `Content-Type, Accept, Authorization, X-FreeScout-API-Key, Idempotency-Key, ${BOOKMARK_HEADER}`;
const EXPOSED_HEADERS = `Resource-ID, Location, Server-Timing, Idempotent-Replayed, ${BOOKMARK_HEADER}`;

export function allowedOrigin(configured: string, origin: string | undefined): string | null {
  const value = configured.trim();
  if (!value) return null;
  if (value === "*") return "*";
  if (!origin) return null;
  const allowed = value.split(",").map((o) => o.trim());
  return allowed.includes(origin) ? origin : null;
}

function applyOriginHeaders(c: Context<AppEnv>) {
  const origin = allowedOrigin(c.var.config.corsAllowOrigin, c.req.header("origin"));
  if (!origin) return false;
  c.header("Access-Control-Allow-Origin", origin);
  if (origin !== "*") c.header("Vary", "Origin", { append: true });
  return true;
}

export const cors = (allowedMethods: (path: string) => string[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === "OPTIONS") {
      const methods = allowedMethods(c.req.path);
      if (methods.length === 0) return next();
      applyOriginHeaders(c);
      c.header("Allow", methods.join(", "));
      c.header("Access-Control-Allow-Methods", methods.join(", "));
      c.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      c.header("Access-Control-Max-Age", "86400");
      return c.body(null, 204);
    }
    await next();
    if (applyOriginHeaders(c)) c.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  });

/**
 * The three ways FreeScout accepts the API key: `api_key` query parameter, HTTP Basic
 * (key as user name, any password) and the `X-FreeScout-API-Key` header. Only SHA-256
 * hashes of keys are stored; a verified hash is remembered by this isolate for a minute
 * so that most requests cost no D1 round trip (a revoked key stops working within that, and
 * a key's scope is what it was when verified).
 */
import { createMiddleware } from "hono/factory";
import { accessOf, findActiveApiKey, type KeyAccess } from "../../domain/apiKeys";
import { sha256Hex, timingSafeEqualStrings } from "../../lib/crypto";
import { ApiError } from "../../lib/errors";
import type { AppEnv } from "../env";

const CACHE_TTL_MS = 60_000;
const verified = new Map<string, { access: KeyAccess; until: number }>();

export function presentedKey(request: Request): string | null {
  const header = request.headers.get("x-freescout-api-key");
  if (header) return header.trim();
  const authorization = request.headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("basic ")) {
    try {
      const decoded = atob(authorization.slice(6).trim());
      const user = decoded.split(":", 1)[0];
      if (user) return user;
    } catch {
      return null;
    }
  }
  const query = new URL(request.url).searchParams.get("api_key");
  return query || null;
}

const unauthorized = () =>
  new ApiError(401, [{ path: "api_key", message: "API key is either not provided or not valid", source: "HEADER" }]);

export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const key = presentedKey(c.req.raw);
  if (!key || key.length > 256) throw unauthorized();
  const hash = await sha256Hex(key);

  const now = c.var.services.clock.millis();
  const cached = verified.get(hash);
  if (cached && cached.until > now) {
    c.set("apiKeyId", cached.access.keyId);
    c.set("access", cached.access);
    return next();
  }

  const row = await findActiveApiKey(c.var.services, hash);
  if (!row || !timingSafeEqualStrings(row.keyHash, hash)) throw unauthorized();

  const access = accessOf(row);
  verified.set(hash, { access, until: now + CACHE_TTL_MS });
  c.set("apiKeyId", row.id);
  c.set("access", access);
  return next();
});

/** For tests that revoke keys. */
export const forgetVerifiedKeys = () => verified.clear();

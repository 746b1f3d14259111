/**
 * `Idempotency-Key` on POST/PUT/PATCH/DELETE, as Stripe reads it. Runs after the API key
 * check (keys are scoped to the API key that sent them) and after the body is read (the
 * request's fingerprint covers it). The key is claimed before the handler runs, so duplicates
 * sent at once do the work once; the answer is stored after it, and the same key with the same
 * request answers it again with `Idempotent-Replayed: true`. A 5xx answer (or a throw) frees
 * the key for a retry; other answers are kept for 24 hours.
 *
 * Without the header nothing happens here (no D1 round trip). With it: one round trip to
 * claim, one to store.
 */
import { createMiddleware } from "hono/factory";
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
  type StoredAnswer,
  storeIdempotentAnswer,
} from "../../domain/idempotency";
import { ApiError } from "../../lib/errors";
import type { AppEnv } from "../env";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
const METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const KEY_SHAPE = /^[\x20-\x7e]{1,255}$/;
/** The headers of an answer that a replay gives again; the rest belong to each response. */
const KEPT_HEADERS = ["Content-Type", "Location", "Resource-ID"];

const headerError = (status: 400 | 409, message: string) =>
  new ApiError(status, [{ path: IDEMPOTENCY_HEADER, message, source: "HEADER" }]);

/**
 * Hex SHA-256 of the method, path, query and body. The body is the one the body middleware
 * read (JSON as sent, or a form as JSON); no DELETE operation takes a body, so a DELETE's is
 * not read.
 */
async function fingerprint(request: Request): Promise<string> {
  const url = new URL(request.url);
  const head = new TextEncoder().encode(`${request.method} ${url.pathname}\n${url.search}\n`);
  const body = request.method === "DELETE" ? new Uint8Array() : new Uint8Array(await request.clone().arrayBuffer());
  const bytes = new Uint8Array(head.byteLength + body.byteLength);
  bytes.set(head);
  bytes.set(body, head.byteLength);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

function replay(answer: StoredAnswer): Response {
  const headers = new Headers(answer.headers);
  headers.set("Idempotent-Replayed", "true");
  return new Response(answer.body, { status: answer.status, headers });
}

async function answerOf(response: Response): Promise<StoredAnswer> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const body = response.body ? await response.clone().text() : null;
  return { status: response.status, headers, body };
}

export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.raw.headers.get(IDEMPOTENCY_HEADER);
  const apiKeyId = c.var.apiKeyId as number | undefined;
  // Public paths have no API key to scope a key to; nothing there writes.
  if (key === null || !METHODS.has(c.req.method) || apiKeyId === undefined) return next();
  if (!KEY_SHAPE.test(key)) throw headerError(400, "Must be 1 to 255 printable ASCII characters");

  const services = c.var.services;
  const held = await claimIdempotencyKey(services, { apiKeyId, key, fingerprint: await fingerprint(c.req.raw) });
  switch (held.outcome) {
    case "replay":
      return replay(held.answer);
    case "in_progress":
      throw headerError(409, "A request with this Idempotency-Key is in progress; retry after it has been answered");
    case "another_request":
      throw headerError(
        409,
        "This Idempotency-Key was used for another request (another method, path, query or body); use a new key",
      );
  }

  try {
    await next();
  } catch (error) {
    await releaseIdempotencyKey(services, held.claim);
    throw error;
  }
  if (c.res.status >= 500) {
    await releaseIdempotencyKey(services, held.claim);
    return;
  }
  try {
    await storeIdempotentAnswer(services, held.claim, await answerOf(c.res));
  } catch (error) {
    // The work is done and committed: answer it. The claim stays until it counts as abandoned.
    console.error("Idempotency-Key: the answer could not be stored", error);
  }
});

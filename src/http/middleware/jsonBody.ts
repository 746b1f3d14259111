/**
 * Reads a write request's body once, before routing validation: over the limit is 413,
 * a body that is not JSON is 415, bytes that are not UTF-8 or not parseable JSON are 400.
 * The parsed value is handed to the route validators through Hono's body cache.
 */
import { createMiddleware } from "hono/factory";
import { joinChunks } from "../../lib/bytes";
import { ApiError, badRequest } from "../../lib/errors";
import type { AppEnv } from "../env";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH"]);
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

const tooLarge = (limit: number) =>
  new ApiError(413, [{ path: "", message: `Request body is larger than ${limit} bytes`, source: "JSON" }]);

async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return joinChunks(chunks, total);
}

export const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (!WRITE_METHODS.has(c.req.method)) return next();
  const limit = c.var.config.maxBodyBytes;
  const declared = Number(c.req.header("content-length") ?? "NaN");
  if (declared > limit) throw tooLarge(limit);

  const raw = c.req.raw.body;
  const bytes = raw ? await readLimited(raw, limit) : new Uint8Array();
  if (bytes.byteLength === 0) {
    c.req.bodyCache.json = Promise.resolve({});
    return next();
  }

  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    throw new ApiError(415, [
      {
        path: "Content-Type",
        message: "Send the request body as JSON with Content-Type: application/json",
        rejectedValue: mediaType || null,
        source: "HEADER",
      },
    ]);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw badRequest({ path: "", message: "Request body is not valid UTF-8 JSON", source: "JSON" });
  }
  c.req.bodyCache.json = Promise.resolve(parsed);
  return next();
});

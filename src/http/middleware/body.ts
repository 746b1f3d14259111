/**
 * Reads a write request's body once, before routing validation, as FreeScout's module reads
 * `$request->all()`: a JSON body, an `application/x-www-form-urlencoded` body or a
 * `multipart/form-data` body (PHP-style nested names, `src/http/phpForm.ts`), merged over the
 * query string's parameters (the body wins on a clash, as Laravel merges them).
 *
 * Over the limit is 413; a body of any other media type is 415; bytes that are not UTF-8 or
 * not parseable JSON, and forms that cannot be read, are 400. The merged object is handed to
 * the route validators as the request's JSON: the request is replaced by one that says
 * `application/json`, so `@hono/zod-openapi` validates a form exactly as it validates JSON.
 */
import { createMiddleware } from "hono/factory";
import { joinChunks } from "../../lib/bytes";
import { ApiError, badRequest } from "../../lib/errors";
import type { AppEnv } from "../env";
import { PhpFormError, parseFormData, parseUrlEncoded } from "../phpForm";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH"]);
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";
const MULTIPART_MEDIA_TYPE = "multipart/form-data";

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

const utf8 = (bytes: Uint8Array) => new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);

function formError(error: unknown, source: "JSON" | "QUERY"): never {
  if (error instanceof PhpFormError) {
    throw badRequest({ path: error.field, message: error.message, source });
  }
  throw error;
}

async function parseBody(bytes: Uint8Array, contentType: string): Promise<unknown> {
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (JSON_MEDIA_TYPE.test(mediaType)) {
    try {
      return JSON.parse(utf8(bytes));
    } catch {
      throw badRequest({ path: "", message: "Request body is not valid UTF-8 JSON", source: "JSON" });
    }
  }
  if (mediaType === FORM_MEDIA_TYPE) {
    let text: string;
    try {
      text = utf8(bytes);
    } catch {
      throw badRequest({ path: "", message: "Form body is not valid UTF-8", source: "JSON" });
    }
    try {
      return parseUrlEncoded(text);
    } catch (error) {
      return formError(error, "JSON");
    }
  }
  if (mediaType === MULTIPART_MEDIA_TYPE) {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    } catch {
      throw badRequest({ path: "", message: "Multipart form body cannot be read", source: "JSON" });
    }
    try {
      return parseFormData(form);
    } catch (error) {
      return formError(error, "JSON");
    }
  }
  throw new ApiError(415, [
    {
      path: "Content-Type",
      message: "Send the request body as application/json, application/x-www-form-urlencoded or multipart/form-data",
      rejectedValue: mediaType || null,
      source: "HEADER",
    },
  ]);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const requestBody = createMiddleware<AppEnv>(async (c, next) => {
  if (!WRITE_METHODS.has(c.req.method)) return next();
  const limit = c.var.config.maxBodyBytes;
  const declared = Number(c.req.header("content-length") ?? "NaN");
  if (declared > limit) throw tooLarge(limit);

  const raw = c.req.raw;
  const bytes = raw.body ? await readLimited(raw.body, limit) : new Uint8Array();
  const body = bytes.byteLength === 0 ? {} : await parseBody(bytes, c.req.header("content-type") ?? "");

  const url = new URL(raw.url);
  let query: Record<string, unknown> = {};
  try {
    query = parseUrlEncoded(url.search);
  } catch (error) {
    formError(error, "QUERY");
  }
  // Laravel's `$request->all()`: the body's top-level fields over the query's.
  const merged = isPlainObject(body) ? { ...query, ...body } : body;

  const headers = new Headers(raw.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  c.req.raw = new Request(raw.url, { method: raw.method, headers, body: JSON.stringify(merged) });
  c.req.bodyCache.json = Promise.resolve(merged);
  return next();
});

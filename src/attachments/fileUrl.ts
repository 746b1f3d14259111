/**
 * Fetches an attachment's `fileUrl` into R2: outbound policy on every hop (redirects are
 * followed by hand and re-checked), one time limit for the whole transfer, and the size
 * limit checked against Content-Length and against the bytes actually received.
 *
 * R2 needs the length of a streamed body up front. With a plain Content-Length the body is
 * streamed through a FixedLengthStream (which also fails if the server sends more or fewer
 * bytes than it declared), so a large file never sits in memory. Without one (chunked or
 * compressed responses, where workerd decodes and the header counts encoded bytes) the body
 * is read into memory up to the limit, then stored.
 */
import type { Config } from "../config";
import { ApiError, invalidField } from "../lib/errors";
import { checkOutboundUrl } from "../lib/outboundUrl";
import type { SizeLimit } from "./limits";

const MAX_REDIRECTS = 3;

type Put = (value: ReadableStream<Uint8Array> | Uint8Array) => Promise<unknown>;

/** Stores the file at `raw` with `put`; returns its size. Throws ApiError naming `path`. */
export async function storeFromUrl(raw: string, path: string, config: Config, limit: SizeLimit, put: Put): Promise<number> {
  const signal = AbortSignal.timeout(config.fileUrlTimeoutMs);
  const failed = (what: string) => invalidField(path, `fileUrl ${signal.aborted ? "timed out" : what}`, raw);
  const response = await fetchFollowingRedirects(raw, path, config, signal, failed);
  const body = response.body!;
  const declared = plainContentLength(response.headers);
  if (declared !== null && declared > limit.bytes) {
    await body.cancel().catch(() => undefined);
    throw limit.tooLarge(path, declared);
  }
  if (declared === null) {
    let bytes: Uint8Array;
    try {
      bytes = await readLimited(body, limit, path, signal);
    } catch (error) {
      throw error instanceof ApiError ? error : failed("could not be read to the end");
    }
    await put(bytes);
    return bytes.byteLength;
  }
  const fixed = new FixedLengthStream(declared);
  const [piped, stored] = await Promise.allSettled([body.pipeTo(fixed.writable, { signal }), put(fixed.readable)]);
  if (piped.status === "rejected") throw failed(`did not send the ${declared} bytes it declared`);
  if (stored.status === "rejected") throw stored.reason;
  return declared;
}

async function fetchFollowingRedirects(
  raw: string,
  path: string,
  config: Config,
  signal: AbortSignal,
  failed: (what: string) => ApiError,
): Promise<Response> {
  let target = raw;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const checked = checkOutboundUrl(target, { allowPrivateNetworks: config.allowPrivateNetworks });
    if (!checked.ok) throw invalidField(path, `fileUrl refused${hop ? " after a redirect" : ""}: ${checked.reason}`, raw);
    let response: Response;
    try {
      response = await fetch(checked.url, { redirect: "manual", signal });
    } catch {
      throw failed("could not be fetched");
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel().catch(() => undefined);
      try {
        target = new URL(location, checked.url).toString();
      } catch {
        throw failed("redirected to an invalid URL");
      }
      continue;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw failed(`answered ${response.status}`);
    }
    return response;
  }
  throw failed(`redirected more than ${MAX_REDIRECTS} times`);
}

/** Content-Length when it counts the bytes the body will yield (no content coding). */
function plainContentLength(headers: Headers): number | null {
  const encoding = headers.get("content-encoding")?.trim().toLowerCase();
  if (encoding && encoding !== "identity") return null;
  const value = headers.get("content-length")?.trim() ?? "";
  return /^\d{1,15}$/.test(value) ? Number(value) : null;
}

async function readLimited(body: ReadableStream<Uint8Array>, limit: SizeLimit, path: string, signal: AbortSignal): Promise<Uint8Array> {
  const reader = body.getReader();
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > limit.bytes) throw limit.tooLarge(path, size);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

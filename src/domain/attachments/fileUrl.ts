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
import type { Config } from "../../config";
import { joinChunks } from "../../lib/bytes";
import { ApiError, invalidField } from "../../lib/errors";
import { checkOutboundUrl } from "../../lib/outboundUrl";
import type { SizeLimit } from "./limits";

const MAX_REDIRECTS = 3;

type Put = (value: ReadableStream<Uint8Array> | Uint8Array) => Promise<unknown>;

/** Stores the file at `raw` with `put`; returns its size. Throws ApiError naming `path`. */
export async function storeFromUrl(
  raw: string,
  path: string,
  config: Config,
  limit: SizeLimit,
  put: Put,
): Promise<number> {
  const signal = AbortSignal.timeout(config.fileUrlTimeoutMs);
  const failed = (what: string) => invalidField(path, `fileUrl ${signal.aborted ? "timed out" : what}`, raw);
  const response = await fetchFollowingRedirects(raw, path, config, signal, failed);
  const body = response.body!;
  const declared = plainContentLength(response.headers);
  if (declared !== null && declared > limit.bytes) {
    await body.cancel().catch(() => undefined);
    throw limit.tooLarge(path, declared);
  }
  const chunks = new Chunks(body, signal);
  try {
    if (declared === null) {
      const bytes = await chunks.readAll(limit, path);
      await put(bytes);
      return bytes.byteLength;
    }
    await chunks.streamExactly(declared, put);
    return declared;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof StorageError) throw error.cause;
    throw failed(`could not be read to the end (${declared ?? "unknown"} bytes declared)`);
  }
}

/** R2 refused a write: a server fault, not the client's. */
class StorageError extends Error {}

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
    if (!checked.ok)
      throw invalidField(path, `fileUrl refused${hop ? " after a redirect" : ""}: ${checked.reason}`, raw);
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

/** A response body read chunk by chunk, every wait cut short by the time limit. */
class Chunks {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly aborted: Promise<never>;

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly signal: AbortSignal,
  ) {
    this.reader = body.getReader();
    this.aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    this.aborted.catch(() => undefined);
  }

  private within<T>(work: Promise<T>): Promise<T> {
    // The loser of the race may still reject (a read cut off by the abort): that is expected.
    work.catch(() => undefined);
    return Promise.race([work, this.aborted]);
  }

  private async each(onChunk: (chunk: Uint8Array) => Promise<void> | void): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await this.within(this.reader.read());
        if (done) return;
        await onChunk(value);
      }
    } catch (error) {
      await this.reader.cancel().catch(() => undefined);
      throw error;
    }
  }

  /** Into memory, refusing more than the limit. */
  async readAll(limit: SizeLimit, path: string): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    await this.each((chunk) => {
      size += chunk.byteLength;
      if (size > limit.bytes) throw limit.tooLarge(path, size);
      chunks.push(chunk);
    });
    return joinChunks(chunks, size);
  }

  /** Straight into `put`; fails unless the body has exactly `length` bytes. */
  async streamExactly(length: number, put: Put): Promise<void> {
    const fixed = new FixedLengthStream(length);
    const writer = fixed.writable.getWriter();
    const storing = put(fixed.readable);
    storing.catch(() => undefined);
    // A write fails when R2 stops reading; the time limit is the fetch's, so it is re-thrown.
    const toR2 = async (work: Promise<void>) => {
      try {
        await this.within(work);
      } catch (error) {
        if (this.signal.aborted) throw error;
        throw new StorageError("R2 stopped reading", {
          cause: await storing.then(
            () => error,
            (failure: unknown) => failure,
          ),
        });
      }
    };
    let size = 0;
    try {
      await this.each(async (chunk) => {
        size += chunk.byteLength;
        if (size > length) throw new RangeError("more bytes than declared");
        await toR2(writer.write(chunk));
      });
      if (size !== length) throw new RangeError("fewer bytes than declared");
      await toR2(writer.close());
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
      throw error;
    }
    try {
      await storing;
    } catch (error) {
      throw new StorageError("R2 put failed", { cause: error });
    }
  }
}

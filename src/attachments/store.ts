/**
 * Attachment bytes into R2. An attachment arrives as base64 `data` or as a `fileUrl` the
 * Worker fetches (outbound policy, time and size limits). Bytes are held in memory up to the
 * per-attachment limit (tens of MB, inside a Worker's 128 MB) so the size is known before
 * the R2 put and a fetch that overruns is cut off. Keys are random, never derived from input.
 */
import { z } from "@hono/zod-openapi";
import type { Config } from "../config";
import { randomToken } from "../lib/crypto";
import { ApiError, invalidField } from "../lib/errors";
import { checkOutboundUrl } from "../lib/outboundUrl";

export const AttachmentInput = z
  .object({
    fileName: z.string().min(1).max(1000),
    mimeType: z.string().max(255).optional(),
    data: z.string().optional().openapi({ description: "File content, base64" }),
    fileUrl: z.string().max(2048).optional().openapi({ description: "http(s) URL the server downloads the file from" }),
  })
  .superRefine((value, ctx) => {
    if ((value.data === undefined) === (value.fileUrl === undefined)) {
      ctx.addIssue({ code: "custom", path: ["data"], message: "Give either data (base64) or fileUrl" });
    }
  })
  .openapi("AttachmentInput");

export type AttachmentInputValue = z.infer<typeof AttachmentInput>;

export interface StoredAttachment {
  r2Key: string;
  fileName: string;
  mimeType: string;
  size: number;
}

/** Shared by the threads of one request, so the per-request limit holds across them. */
export interface AttachmentBudget {
  remaining: number;
}

export const newBudget = (config: Config): AttachmentBudget => ({ remaining: config.maxAttachmentsBytesPerRequest });

const MAX_REDIRECTS = 3;

/** Stores every attachment; on any failure removes what it stored and throws the API error. */
export async function storeAttachments(
  env: Env,
  config: Config,
  inputs: AttachmentInputValue[],
  pathPrefix: string,
  budget: AttachmentBudget = newBudget(config),
): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  try {
    for (const [index, input] of inputs.entries()) {
      const path = `${pathPrefix}[${index}]`;
      const bytes = input.data !== undefined
        ? decodeBase64(input.data, `${path}.data`, config, budget)
        : await download(input.fileUrl!, `${path}.fileUrl`, config, budget);
      budget.remaining -= bytes.byteLength;
      const fileName = sanitizeFileName(input.fileName);
      const mimeType = normalizeMimeType(input.mimeType);
      const r2Key = `attachments/${randomToken(16)}`;
      await env.ATTACHMENTS.put(r2Key, bytes, {
        httpMetadata: { contentType: mimeType },
        customMetadata: { fileName },
      });
      stored.push({ r2Key, fileName, mimeType, size: bytes.byteLength });
    }
    return stored;
  } catch (error) {
    await deleteAttachmentObjects(env, stored.map((file) => file.r2Key));
    throw error;
  }
}

/** Best effort: an object left behind is found by the orphan sweep. */
export async function deleteAttachmentObjects(env: Env, r2Keys: string[]): Promise<void> {
  if (r2Keys.length === 0) return;
  try {
    await env.ATTACHMENTS.delete(r2Keys);
  } catch (error) {
    console.error("attachment objects not deleted; the orphan sweep will retry", error);
  }
}

function tooLarge(path: string, size: number, limit: number) {
  return new ApiError(413, [{ path, message: `Attachment exceeds the limit of ${limit} bytes`, rejectedValue: size, source: "JSON" }]);
}

function limitFor(config: Config, budget: AttachmentBudget) {
  return Math.min(config.maxAttachmentBytes, budget.remaining);
}

function decodeBase64(data: string, path: string, config: Config, budget: AttachmentBudget): Uint8Array {
  const compact = data.replace(/\s+/g, "");
  const estimated = Math.floor((compact.length * 3) / 4);
  const limit = limitFor(config, budget);
  if (estimated - 2 > limit) throw tooLarge(path, estimated, limit);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw invalidField(path, "Not valid base64");
  }
  let binary: string;
  try {
    binary = atob(compact);
  } catch {
    throw invalidField(path, "Not valid base64");
  }
  if (binary.length > limit) throw tooLarge(path, binary.length, limit);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function download(raw: string, path: string, config: Config, budget: AttachmentBudget): Promise<Uint8Array> {
  const limit = limitFor(config, budget);
  const signal = AbortSignal.timeout(config.fileUrlTimeoutMs);
  let target = raw;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const checked = checkOutboundUrl(target, { allowPrivateNetworks: config.allowPrivateNetworks });
    if (!checked.ok) throw invalidField(path, `fileUrl refused: ${checked.reason}`, raw);
    let response: Response;
    try {
      response = await fetch(checked.url, { redirect: "manual", signal });
    } catch (error) {
      const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "could not be fetched";
      throw invalidField(path, `fileUrl ${reason}`, raw);
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      target = new URL(location, checked.url).toString();
      continue;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw invalidField(path, `fileUrl answered ${response.status}`, raw);
    }
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (declared > limit) {
      await response.body.cancel();
      throw tooLarge(path, declared, limit);
    }
    return readLimited(response.body, limit, path);
  }
  throw invalidField(path, "fileUrl redirected too often", raw);
}

async function readLimited(body: ReadableStream<Uint8Array>, limit: number, path: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(path, size, limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The last path segment, without control or reserved characters, at most 200 characters. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/^[.\s]+/, "")
    .trim();
  if (!cleaned) return "attachment";
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, 200 - extension.length) + extension;
}

const normalizeMimeType = (value: string | undefined) =>
  value && /^[\w.+-]+\/[\w.+-]+$/.test(value.trim()) ? value.trim().toLowerCase() : "application/octet-stream";

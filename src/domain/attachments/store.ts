/**
 * Attachment bytes into R2. An attachment arrives as base64 `data` or as a `fileUrl` the
 * Worker fetches (see fileUrl.ts). Each object gets a fresh random key (keys.ts); if any
 * attachment of a call fails, the objects the call already wrote are deleted.
 */
import { z } from "@hono/zod-openapi";
import type { Config } from "../../config";
import { invalidField } from "../../lib/errors";
import { sanitizeFileName, sanitizeMimeType } from "./fileName";
import { storeFromUrl } from "./fileUrl";
import { newAttachmentKey } from "./keys";
import { type AttachmentBudget, newBudget, type SizeLimit, sizeLimit } from "./limits";

export { type AttachmentBudget, newBudget } from "./limits";

export const DEFAULT_MIME_TYPE = "application/octet-stream";

export const AttachmentInput = z
  .object({
    fileName: z.string().min(1).max(1000),
    mimeType: z.string().max(255).default(DEFAULT_MIME_TYPE),
    data: z.string().optional().openapi({ description: "File content, base64" }),
    fileUrl: z.string().max(2048).optional().openapi({ description: "http(s) URL the server downloads the file from" }),
  })
  .superRefine((value, ctx) => {
    if (value.data !== undefined && value.fileUrl !== undefined) {
      ctx.addIssue({ code: "custom", path: ["fileUrl"], message: "Give either data or fileUrl, not both" });
    } else if (value.data === undefined && value.fileUrl === undefined) {
      ctx.addIssue({ code: "custom", path: ["data"], message: "Give data (base64) or fileUrl" });
    }
  })
  .openapi("AttachmentInput");

/** One attachment as a caller may give it (mimeType may be left out). */
export type AttachmentInput = z.input<typeof AttachmentInput>;
export type AttachmentInputValue = AttachmentInput;

export interface StoredAttachment {
  r2Key: string;
  fileName: string;
  mimeType: string;
  size: number;
}

/**
 * Stores every attachment; on any failure removes what it stored and throws the ApiError
 * (400 naming `${pathPrefix}[i].data` or `.fileUrl`, 413 over a limit). Pass one budget to
 * every call of a request so the per-request limit holds across its threads.
 */
export async function storeAttachments(
  env: Env,
  config: Config,
  inputs: AttachmentInput[],
  pathPrefix: string,
  budget: AttachmentBudget = newBudget(config),
): Promise<StoredAttachment[]> {
  const written: string[] = [];
  const stored: StoredAttachment[] = [];
  try {
    for (const [index, input] of inputs.entries()) {
      const path = `${pathPrefix}[${index}]`;
      const fileName = sanitizeFileName(input.fileName);
      const mimeType = sanitizeMimeType(input.mimeType) ?? DEFAULT_MIME_TYPE;
      const r2Key = newAttachmentKey();
      const put = (value: ReadableStream<Uint8Array> | Uint8Array) => {
        written.push(r2Key);
        return env.ATTACHMENTS.put(r2Key, value, {
          httpMetadata: { contentType: mimeType },
          customMetadata: { fileName },
        });
      };
      const limit = sizeLimit(config, budget);
      const size =
        input.data !== undefined
          ? await storeBase64(input.data, `${path}.data`, limit, put)
          : await storeFromUrl(input.fileUrl!, `${path}.fileUrl`, config, limit, put);
      budget.remaining -= size;
      stored.push({ r2Key, fileName, mimeType, size });
    }
    return stored;
  } catch (error) {
    await deleteAttachmentObjects(env, written);
    throw error;
  }
}

/** Best effort: an object left behind is found by the orphan sweep. */
export async function deleteAttachmentObjects(env: Env, r2Keys: string[]): Promise<void> {
  for (let start = 0; start < r2Keys.length; start += 1000) {
    try {
      await env.ATTACHMENTS.delete(r2Keys.slice(start, start + 1000));
    } catch (error) {
      console.error("attachment objects not deleted; the orphan sweep will retry", error);
    }
  }
}

async function storeBase64(data: string, path: string, limit: SizeLimit, put: (bytes: Uint8Array) => Promise<unknown>) {
  const bytes = decodeBase64(data, path, limit);
  await put(bytes);
  return bytes.byteLength;
}

function decodeBase64(data: string, path: string, limit: SizeLimit): Uint8Array {
  const compact = data.replace(/\s+/g, "");
  const padding = compact.endsWith("==") ? 2 : compact.endsWith("=") ? 1 : 0;
  const decodedSize = Math.floor((compact.length * 3) / 4) - padding;
  if (decodedSize > limit.bytes) throw limit.tooLarge(path, decodedSize);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1 || (padding && compact.length % 4)) {
    throw invalidField(path, "Not valid base64");
  }
  let binary: string;
  try {
    binary = atob(compact);
  } catch {
    throw invalidField(path, "Not valid base64");
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

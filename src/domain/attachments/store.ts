/**
 * Attachment bytes into R2. An attachment arrives as base64 `data` or as a `fileUrl` the
 * Worker fetches (see fileUrl.ts). Each object gets a fresh random key (keys.ts); if any
 * attachment of a call fails, the objects the call already wrote are deleted.
 */
import { invalidField } from "../../lib/errors";
import type { Services } from "../../services";
import { sanitizeFileName, sanitizeMimeType } from "./fileName";
import { storeFromUrl } from "./fileUrl";
import { newAttachmentKey } from "./keys";
import { type AttachmentBudget, newBudget, type SizeLimit, sizeLimit } from "./limits";

export { type AttachmentBudget, newBudget } from "./limits";

export const DEFAULT_MIME_TYPE = "application/octet-stream";

/** One attachment as a caller gives it: base64 `data` or a `fileUrl` to fetch, not both. */
export interface AttachmentInput {
  fileName: string;
  mimeType?: string;
  data?: string;
  fileUrl?: string;
}

export interface StoredAttachment {
  r2Key: string;
  fileName: string;
  mimeType: string;
  size: number;
}

export interface StoreAttachmentsInput {
  files: AttachmentInput[];
  /** Where errors point, e.g. `threads[0].attachments`. */
  path: string;
  /** One budget for every call of a request, so the per-request limit holds across its threads. */
  budget?: AttachmentBudget;
}

type Deps = Pick<Services, "storage" | "config" | "clock">;

/**
 * Stores every attachment; on any failure removes what it stored and throws the ApiError
 * (400 naming `${path}[i].data` or `.fileUrl`, 413 over a limit).
 */
export async function storeAttachments(services: Deps, input: StoreAttachmentsInput): Promise<StoredAttachment[]> {
  const { storage, config, clock } = services;
  const budget = input.budget ?? newBudget(config);
  const written: string[] = [];
  const stored: StoredAttachment[] = [];
  try {
    for (const [index, file] of input.files.entries()) {
      const path = `${input.path}[${index}]`;
      const fileName = sanitizeFileName(file.fileName);
      const mimeType = sanitizeMimeType(file.mimeType) ?? DEFAULT_MIME_TYPE;
      const r2Key = newAttachmentKey(clock.millis());
      const put = (value: ReadableStream<Uint8Array> | Uint8Array) => {
        written.push(r2Key);
        return storage.put(r2Key, value, {
          httpMetadata: { contentType: mimeType },
          customMetadata: { fileName },
        });
      };
      const limit = sizeLimit(config, budget);
      const size =
        file.data !== undefined
          ? await storeBase64(file.data, `${path}.data`, limit, put)
          : await storeFromUrl(file.fileUrl!, `${path}.fileUrl`, config, limit, put);
      budget.remaining -= size;
      stored.push({ r2Key, fileName, mimeType, size });
    }
    return stored;
  } catch (error) {
    await deleteAttachmentObjects(services, written);
    throw error;
  }
}

/** Best effort: an object left behind is found by the orphan sweep. */
export async function deleteAttachmentObjects({ storage }: Pick<Services, "storage">, r2Keys: string[]) {
  for (let start = 0; start < r2Keys.length; start += 1000) {
    try {
      await storage.delete(r2Keys.slice(start, start + 1000));
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

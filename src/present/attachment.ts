/**
 * Attachments as responses show them. `fileUrl` is on this Worker in FreeScout's form
 * (`/storage/attachment/<a>/<b>/<c>/<name>?id=71&token=...`); the token is an HMAC of the
 * attachment with the signing secret, so links work without the API key and cannot be forged.
 */
import { z } from "@hono/zod-openapi";
import type { attachments } from "../db/schema";
import { timingSafeEqualStrings } from "../lib/crypto";

export const AttachmentSchema = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    fileUrl: z.string().openapi({ format: "uri" }),
    mimeType: z.string(),
    size: z.number().int(),
  })
  .openapi("Attachment");

export type Attachment = z.infer<typeof AttachmentSchema>;
type AttachmentRow = Pick<typeof attachments.$inferSelect, "id" | "fileName" | "mimeType" | "size" | "r2Key">;

const encoder = new TextEncoder();

export const signingKey = (secret: string) =>
  crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);

export async function attachmentToken(key: CryptoKey, row: Pick<AttachmentRow, "id" | "r2Key">): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${row.id}:${row.r2Key}`));
  return [...new Uint8Array(mac)]
    .slice(0, 16)
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

export async function verifyAttachmentToken(secret: string, row: Pick<AttachmentRow, "id" | "r2Key">, token: string) {
  return timingSafeEqualStrings(await attachmentToken(await signingKey(secret), row), token);
}

const directories = (id: number) => [id % 10, Math.floor(id / 10) % 10, Math.floor(id / 100) % 10].join("/");

export async function presentAttachments(origin: string, secret: string, rows: AttachmentRow[]): Promise<Attachment[]> {
  if (rows.length === 0) return [];
  const key = await signingKey(secret);
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      fileName: row.fileName,
      fileUrl: `${origin}/storage/attachment/${directories(row.id)}/${encodeURIComponent(row.fileName)}?id=${row.id}&token=${await attachmentToken(key, row)}`,
      mimeType: row.mimeType,
      size: row.size,
    })),
  );
}

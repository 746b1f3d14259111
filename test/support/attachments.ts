import { env } from "cloudflare:test";
import { presentAttachments } from "../../src/present/attachment";
import { BASE } from "./api";

export interface AttachmentFixture {
  id: number;
  fileName: string;
  mimeType: string;
  size: number;
  r2Key: string;
}

/** An attachment row on the demo conversation's first thread, its object in R2, and its signed link. */
export async function insertAttachment(file: AttachmentFixture, content: string): Promise<URL> {
  await env.DB.prepare(
    "INSERT INTO attachments (id, conversation_id, thread_id, file_name, mime_type, size, r2_key, created_at) VALUES (?, 1, 1, ?, ?, ?, ?, 1600000000)",
  )
    .bind(file.id, file.fileName, file.mimeType, file.size, file.r2Key)
    .run();
  await env.ATTACHMENTS.put(file.r2Key, content);
  const [presented] = await presentAttachments(BASE, env.ATTACHMENT_SIGNING_SECRET, [file]);
  return new URL(presented!.fileUrl);
}

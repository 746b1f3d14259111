import { env } from "cloudflare:test";
import { attachmentUrls } from "../../src/domain/attachments/tokens";
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
  const signer = { origin: BASE, secrets: { attachmentSigning: env.ATTACHMENT_SIGNING_SECRET } };
  const [fileUrl] = await attachmentUrls(signer, [file]);
  return new URL(fileUrl!);
}

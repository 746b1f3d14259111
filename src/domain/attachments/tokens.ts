/**
 * Attachment links: `fileUrl` is on this Worker in FreeScout's form
 * (`/storage/attachment/<a>/<b>/<c>/<name>?id=71&token=...`); the token is an HMAC of the
 * attachment with the signing secret, so links work without the API key and cannot be forged.
 */
import type { attachments } from "../../db/schema";
import { timingSafeEqualStrings } from "../../lib/crypto";
import type { Secrets } from "../../services";

type SignedFields = Pick<typeof attachments.$inferSelect, "id" | "r2Key">;
type LinkedFields = SignedFields & Pick<typeof attachments.$inferSelect, "fileName">;

/** What signing needs: the key, and the origin links point at. */
export interface AttachmentSigner {
  origin: string;
  secrets: Pick<Secrets, "attachmentSigning">;
}

const encoder = new TextEncoder();

const signingKey = (secret: string) =>
  crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);

async function attachmentToken(key: CryptoKey, row: SignedFields): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${row.id}:${row.r2Key}`));
  return [...new Uint8Array(mac)]
    .slice(0, 16)
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

export async function verifyAttachmentToken(secret: string, row: SignedFields, token: string): Promise<boolean> {
  return timingSafeEqualStrings(await attachmentToken(await signingKey(secret), row), token);
}

const directories = (id: number) => [id % 10, Math.floor(id / 10) % 10, Math.floor(id / 100) % 10].join("/");

/** The signed `fileUrl` of each row, in the rows' order. */
export async function attachmentUrls({ origin, secrets }: AttachmentSigner, rows: readonly LinkedFields[]) {
  if (rows.length === 0) return [];
  const key = await signingKey(secrets.attachmentSigning);
  return Promise.all(
    rows.map(
      async (row) =>
        `${origin}/storage/attachment/${directories(row.id)}/${encodeURIComponent(row.fileName)}?id=${row.id}&token=${await attachmentToken(key, row)}`,
    ),
  );
}

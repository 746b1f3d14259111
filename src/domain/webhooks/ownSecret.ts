/**
 * A webhook's own signing secret. It is shown once, when made, and kept sealed: AES-GCM under a
 * key derived (HKDF) from the installation's WEBHOOK_SECRET, so a copy of the database alone
 * does not let anyone sign deliveries. Rotating WEBHOOK_SECRET therefore needs new webhook
 * secrets too (PUT /api/webhooks/{id} with rotateSecret).
 */
const encoder = new TextEncoder();
const SEAL_INFO = encoder.encode("freescout-edge webhook secret seal v1");

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unbase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Standard Webhooks' format: `whsec_` and base64 of 32 random bytes. */
export const newWebhookSecret = () => `whsec_${base64(crypto.getRandomValues(new Uint8Array(32)))}`;

async function sealKey(installationSecret: string) {
  const material = await crypto.subtle.importKey("raw", encoder.encode(installationSecret), "HKDF", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: SEAL_INFO },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

export async function sealSecret(installationSecret: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await sealKey(installationSecret),
    encoder.encode(secret),
  );
  return `v1.${base64(iv)}.${base64(new Uint8Array(sealed))}`;
}

/** null when it cannot be opened (WEBHOOK_SECRET changed since it was sealed). */
export async function openSecret(installationSecret: string, sealed: string): Promise<string | null> {
  const [version, iv, data] = sealed.split(".");
  if (version !== "v1" || !iv || !data) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: unbase64(iv) },
      await sealKey(installationSecret),
      unbase64(data),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

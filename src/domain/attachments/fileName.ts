const MAX_NAME_LENGTH = 200;
const MAX_EXTENSION_LENGTH = 16;

/**
 * A file name safe to store and to send back: the last path segment, without control or
 * invisible formatting characters (bidi overrides could disguise `exe` as `txt`), without
 * characters reserved on common file systems, no `..`, no leading or trailing dots, at most
 * 200 characters with the extension kept. Nothing left: "attachment".
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/\.{2,}/g, ".")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  if (!cleaned) return "attachment";
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = chars.lastIndexOf(".");
  const extension = dot > 0 && chars.length - dot <= MAX_EXTENSION_LENGTH ? chars.slice(dot) : [];
  return [...chars.slice(0, MAX_NAME_LENGTH - extension.length), ...extension].join("");
}

/** `type/subtype` in lower case (parameters dropped), or null if it is not one. */
export function sanitizeMimeType(value: string | undefined): string | null {
  const essence = value?.split(";")[0]?.trim().toLowerCase() ?? "";
  return /^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/.test(essence) && essence.length <= 127 ? essence : null;
}

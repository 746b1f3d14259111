/** FreeScout's date format: ISO 8601 in UTC without fractions, `YYYY-MM-DDThh:mm:ssZ`. */
export function toIso(seconds: number): string;
export function toIso(seconds: number | null | undefined): string | null;
export function toIso(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Accepts ISO 8601 with a `Z` or numeric offset; returns UNIX seconds or null if invalid. */
export function parseIso(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

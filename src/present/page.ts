import type { Paging } from "../domain/paging";

/** FreeScout's list envelope: the items under `_embedded.<key>` and the page numbers. */
export function pageEnvelope<K extends string, T>(key: K, items: T[], total: number, p: Paging) {
  return {
    _embedded: { [key]: items } as Record<K, T[]>,
    page: {
      size: p.size,
      totalElements: total,
      // At least 1, as FreeScout's module answers an empty list.
      totalPages: Math.max(1, Math.ceil(total / p.size)),
      number: p.page,
    },
  };
}

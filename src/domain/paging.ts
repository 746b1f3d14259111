export interface Paging {
  page: number;
  size: number;
  offset: number;
}

export function paging(query: { page?: number; pageSize?: number }, maxPageSize: number): Paging {
  const size = Math.min(Math.max(query.pageSize ?? 50, 1), maxPageSize);
  const page = Math.max(query.page ?? 1, 1);
  return { page, size, offset: (page - 1) * size };
}

export function pageEnvelope<K extends string, T>(key: K, items: T[], total: number, p: Paging) {
  return {
    _embedded: { [key]: items } as Record<K, T[]>,
    page: {
      size: p.size,
      totalElements: total,
      totalPages: Math.ceil(total / p.size),
      number: p.page,
    },
  };
}

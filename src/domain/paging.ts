import type { RunnableQuery } from "drizzle-orm/runnable-query";
import type { Database } from "../db/client";
import { namedBatch, type Statement } from "./batch";

export interface Paging {
  page: number;
  size: number;
  offset: number;
}

export const DEFAULT_PAGE_SIZE = 50;
/** Far beyond any list; keeps the offset a safe integer. */
const MAX_PAGE = 1_000_000_000;

/**
 * The page to read, as FreeScout's module pages: no size, or a size of 0 or less, means 50;
 * no page, or a page below 1, means 1. Unlike the module, the size is capped at the configured
 * maximum (D1 cost); `size` is the size actually used, so the envelope's `page.size` and
 * `totalPages` tell a client walking the pages how many there really are.
 */
export function paging(query: { page?: number; pageSize?: number }, maxPageSize: number): Paging {
  const asked = query.pageSize !== undefined && query.pageSize > 0 ? query.pageSize : DEFAULT_PAGE_SIZE;
  const size = Math.min(asked, Math.max(maxPageSize, 1));
  const page = Math.min(query.page !== undefined && query.page >= 1 ? query.page : 1, MAX_PAGE);
  return { page, size, offset: (page - 1) * size };
}

/** A select, ordered and filtered, that the page limits and offsets. */
interface Pageable {
  limit(size: number): { offset(offset: number): Statement };
}
type PageRows<S extends Pageable> = ReturnType<ReturnType<S["limit"]>["offset"]>["_"]["result"];
/** `db.select({ n: count() }).from(table).where(sameFilter)` */
type CountRead = RunnableQuery<{ n: number }[], "sqlite">;

interface PageReads {
  rows: Pageable;
  total: CountRead;
}
type OtherResults<R> = {
  [K in Exclude<keyof R, keyof PageReads>]: R[K] extends Statement ? R[K]["_"]["result"] : never;
};

export type ListPage<R extends PageReads> = {
  rows: PageRows<R["rows"]>;
  total: number;
  paging: Paging;
} & OtherResults<R>;

/**
 * One page of a list and the count of the whole list in one D1 batch, with any other named
 * reads the endpoint needs (e.g. whether the parent exists) in the same round trip.
 */
export async function listPage<R extends PageReads & { [name: string]: Pageable | Statement }>(
  db: Database,
  page: Paging,
  reads: R,
): Promise<ListPage<R>> {
  const { rows, total, ...others } = reads;
  const results = await namedBatch(db, {
    ...(others as Record<string, Statement>),
    rows: rows.limit(page.size).offset(page.offset),
    total,
  });
  return { ...results, rows: results.rows, total: results.total[0]?.n ?? 0, paging: page } as ListPage<R>;
}

/** A page of a short list read whole (folders, field definitions), shaped as `listPage` returns it. */
export function pageInMemory<T>(all: T[], page: Paging) {
  return { rows: all.slice(page.offset, page.offset + page.size), total: all.length, paging: page };
}

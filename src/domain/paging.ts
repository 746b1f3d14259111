import type { RunnableQuery } from "drizzle-orm/runnable-query";
import type { Database } from "../db/client";
import { namedBatch, type Statement } from "./batch";

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

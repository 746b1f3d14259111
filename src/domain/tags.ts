import { asc, count, eq, inArray } from "drizzle-orm";
import { conversationTags, tags } from "../db/schema";
import type { Services } from "../services";
import { listPage, type Paging } from "./paging";

export interface TagFilter {
  /** Only the tags of this conversation. */
  conversationId?: number;
}

export function listTags({ db }: Pick<Services, "db">, filter: TagFilter, page: Paging) {
  const where =
    filter.conversationId === undefined
      ? undefined
      : inArray(
          tags.id,
          db
            .select({ id: conversationTags.tagId })
            .from(conversationTags)
            .where(eq(conversationTags.conversationId, filter.conversationId)),
        );
  return listPage(db, page, {
    rows: db.select().from(tags).where(where).orderBy(asc(tags.id)),
    total: db.select({ n: count() }).from(tags).where(where),
  });
}

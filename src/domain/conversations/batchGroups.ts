/**
 * One D1 batch of named groups of statements, for writes whose statements come in lists of
 * varying length (id reservations, customer resolutions, line items): each name gets its
 * group's results, so no caller counts positions.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../../db/client";
import type { Statement } from "../batch";

type Group = Statement | readonly Statement[];
type GroupResults<G> = G extends Statement
  ? G["_"]["result"]
  : { -readonly [I in keyof G]: G[I] extends Statement ? G[I]["_"]["result"] : never };

/** What `batchGroups` answers for these groups. */
export type GroupsResults<S extends Record<string, Group>> = { [K in keyof S]: GroupResults<S[K]> };

export async function batchGroups<S extends Record<string, Group>>(db: Database, groups: S): Promise<GroupsResults<S>> {
  const names = Object.keys(groups);
  const flat: Statement[] = [];
  const spans = names.map((name) => {
    const group = groups[name]!;
    const list = Array.isArray(group) ? (group as readonly Statement[]) : [group as Statement];
    flat.push(...list);
    return { name, start: flat.length - list.length, single: !Array.isArray(group), length: list.length };
  });
  const results = await db.batch(flat as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return Object.fromEntries(
    spans.map(({ name, start, single, length }) => [
      name,
      single ? results[start] : results.slice(start, start + length),
    ]),
  ) as GroupsResults<S>;
}

/**
 * How to read a page of conversations with a tag. A common tag is best found by walking the
 * conversations in their sort order and checking each for the tag (about page size ×
 * conversations / tagged rows read); a rare tag by reading its few tagged conversations and
 * sorting them (a few rows per tagged conversation). Which is cheaper depends on how many
 * conversations carry the tag: the tag's counter, remembered by the isolate for a minute.
 * The choice changes only the cost, never the result.
 */
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import { conversations, tags } from "../../db/schema";
import type { Services } from "../../services";

const TTL_MS = 60_000;
const remembered = new Map<string, { tagged: number; total: number; until: number }>();

export type TagPlan = "scan" | "lookup";

export async function tagPlan(
  { db, clock }: Pick<Services, "db" | "clock">,
  input: { name: string; pageSize: number },
): Promise<TagPlan> {
  const { name, pageSize } = input;
  let known = remembered.get(name);
  if (!known || known.until < clock.millis()) {
    const row = await db
      .select({ tagged: tags.counter, total: sql<number>`(SELECT coalesce(max(id), 0) FROM conversations)` })
      .from(tags)
      .where(eq(tags.name, name))
      .get();
    known = { tagged: row?.tagged ?? 0, total: row?.total ?? 0, until: clock.millis() + TTL_MS };
    remembered.set(name, known);
  }
  if (known.tagged === 0) return "lookup";
  const scanCost = (pageSize * known.total) / known.tagged;
  const lookupCost = 9 * known.tagged;
  return scanCost < lookupCost ? "scan" : "lookup";
}

/** The same set of conversations either way; `tagPlan` says which reads fewer rows. */
export function tagCondition(name: string, plan: TagPlan): SQL {
  const tagId = sql`(SELECT id FROM tags WHERE name = ${name})`;
  return plan === "scan"
    ? sql`EXISTS (SELECT 1 FROM conversation_tags ct WHERE ct.tag_id = ${tagId} AND ct.conversation_id = ${conversations.id})`
    : inArray(conversations.id, sql`(SELECT conversation_id FROM conversation_tags WHERE tag_id = ${tagId})`);
}

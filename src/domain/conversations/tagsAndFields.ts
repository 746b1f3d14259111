/**
 * Update Conversation Tags and Update Custom Fields. FreeScout fires no event for either; the
 * extension events convo.tags and convo.custom_fields tell webhooks that name them, when
 * something changed.
 */
import { eq, sql } from "drizzle-orm";
import { conversations, customFields } from "../../db/schema";
import { returnedRows } from "../../db/sql";
import { notFound } from "../../lib/errors";
import { namedBatch } from "../batch";
import { validateFieldValues } from "../fieldValues";
import { customFieldsEvents, tagsEvents } from "../webhooks/events";
import type { DomainEvent } from "../webhooks/publish";
import { conversationPayload, type Embed, type Reader } from "./load";

type Deps = Reader;

const WITH_TAGS: ReadonlySet<Embed> = new Set(["threads", "tags"]);

const changed = (result: unknown) => returnedRows(result) > 0;

/** FreeScout keeps tag names trimmed and lower-case. */
export const normalizeTagName = (name: string) => name.trim().toLowerCase();

/**
 * Replaces the conversation's tags with `tags`, creating unknown tags. One batch; every
 * write is conditional on the conversation existing, so an unknown id changes nothing.
 */
export async function replaceTags(
  services: Deps,
  input: { conversationId: number; tags: string[] },
): Promise<{ events: DomainEvent[] }> {
  const { db, clock } = services;
  const { conversationId } = input;
  const list = JSON.stringify([...new Set(input.tags.map(normalizeTagName).filter(Boolean))]);
  const exists = sql`EXISTS (SELECT 1 FROM conversations WHERE id = ${conversationId})`;
  const wanted = sql`(SELECT id FROM tags WHERE name IN (SELECT value FROM json_each(${list})))`;
  const { found, dropped, added } = await namedBatch(db, {
    found: db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, conversationId)),
    newTags: db.run(
      sql`INSERT INTO tags (name) SELECT value FROM json_each(${list}) WHERE ${exists} ON CONFLICT (name) DO NOTHING`,
    ),
    dropped: db.run(
      sql`DELETE FROM conversation_tags WHERE conversation_id = ${conversationId} AND tag_id NOT IN ${wanted}
        RETURNING tag_id`,
    ),
    added: db.run(sql`INSERT OR IGNORE INTO conversation_tags (conversation_id, tag_id)
      SELECT ${conversationId}, id FROM ${wanted} AS t WHERE ${exists} RETURNING tag_id`),
    touched: db.update(conversations).set({ updatedAt: clock.seconds() }).where(eq(conversations.id, conversationId)),
  });
  if (!found[0]) throw notFound("conversationId", conversationId);
  const events =
    changed(dropped) || changed(added) ? tagsEvents(conversationPayload(services, conversationId, WITH_TAGS)) : [];
  return { events };
}

/** Sets custom field values (fields of the conversation's mailbox); an empty value clears it. */
export async function updateCustomFields(
  services: Deps,
  input: { conversationId: number; customFields: { id: number; value: unknown }[] },
): Promise<{ events: DomainEvent[] }> {
  const { db, clock } = services;
  const { conversationId } = input;
  const { found, fields } = await namedBatch(db, {
    found: db
      .select({ mailboxId: conversations.mailboxId, customFields: conversations.customFields })
      .from(conversations)
      .where(eq(conversations.id, conversationId)),
    fields: db
      .select()
      .from(customFields)
      .where(eq(customFields.mailboxId, sql`(SELECT mailbox_id FROM conversations WHERE id = ${conversationId})`)),
  });
  if (!found[0]) throw notFound("conversationId", conversationId);
  const values = validateFieldValues(fields, input.customFields, "customFields");
  // One statement merges the changes into the stored values (JSON merge patch: null removes),
  // so concurrent updates of different fields do not overwrite each other.
  const patch = Object.fromEntries(values.map(({ fieldId, value }) => [String(fieldId), value === "" ? null : value]));
  const [before] = found;
  const [after] = await db
    .update(conversations)
    .set({
      customFields: sql`json_patch(${conversations.customFields}, ${JSON.stringify(patch)})`,
      updatedAt: clock.seconds(),
    })
    .where(eq(conversations.id, conversationId))
    .returning({ customFields: conversations.customFields });
  const differs = after !== undefined && JSON.stringify(after.customFields) !== JSON.stringify(before.customFields);
  return { events: differs ? customFieldsEvents(conversationPayload(services, conversationId)) : [] };
}

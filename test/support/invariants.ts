import { env } from "cloudflare:test";

/**
 * Folder counters recounted from the conversations, next to the stored ones: rows where
 * they differ. The recount applies the folder rules independently of the triggers.
 */
export async function folderCounterMismatches() {
  const { results } = await env.DB.prepare(`
    WITH expected AS (
      SELECT f.id,
        (SELECT count(*) FROM conversations c WHERE
           (f.user_id IS NULL AND c.folder_id = f.id)
           OR (f.type = 20 AND c.mailbox_id = f.mailbox_id AND c.assignee_id = f.user_id
               AND c.state = 'published' AND c.status IN ('active', 'pending'))) AS total,
        (SELECT count(*) FROM conversations c WHERE c.state = 'published' AND c.status = 'active' AND (
           (f.user_id IS NULL AND c.folder_id = f.id)
           OR (f.type = 20 AND c.mailbox_id = f.mailbox_id AND c.assignee_id = f.user_id))) AS active
      FROM folders f)
    SELECT f.id, f.type, f.mailbox_id, f.user_id, f.total_count, e.total, f.active_count, e.active
    FROM folders f JOIN expected e ON e.id = f.id
    WHERE f.total_count <> e.total OR f.active_count <> e.active`).all();
  return results;
}

/** Conversations whose folder is not the one the folder rules give. */
export async function misfiledConversations() {
  const { results } = await env.DB.prepare(`
    SELECT c.id, c.state, c.status, c.assignee_id, f.type FROM conversations c JOIN folders f ON f.id = c.folder_id
    WHERE f.mailbox_id <> c.mailbox_id OR f.type <> CASE
      WHEN c.state = 'draft' THEN 30 WHEN c.state = 'deleted' THEN 70 WHEN c.status = 'spam' THEN 80
      WHEN c.status = 'closed' THEN 60 WHEN c.assignee_id IS NOT NULL THEN 40 ELSE 1 END`).all();
  return results;
}

/**
 * Tag counters, and the list counters of migration 0017 (conversation_counts, tag_counts), next
 * to a recount: rows where they differ.
 */
export async function tagCounterMismatches() {
  const { results } = await env.DB.prepare(`
    SELECT t.id, t.counter, (SELECT count(*) FROM conversation_tags ct WHERE ct.tag_id = t.id) AS expected
    FROM tags t WHERE t.counter <> (SELECT count(*) FROM conversation_tags ct WHERE ct.tag_id = t.id)`).all();
  return [...results, ...(await listCountMismatches())];
}

export async function listCountMismatches() {
  const [conversationCounts, tagCounts] = await env.DB.batch([
    env.DB.prepare(`
      WITH actual AS (SELECT mailbox_id, coalesce(assignee_id, 0) AS assignee_id, status, state, count(*) AS n
        FROM conversations GROUP BY 1, 2, 3, 4),
      stored AS (SELECT mailbox_id, assignee_id, status, state, n FROM conversation_counts WHERE n <> 0)
      SELECT 'conversation_counts' AS counter, 'missing' AS side, * FROM (SELECT * FROM actual EXCEPT SELECT * FROM stored)
      UNION ALL SELECT 'conversation_counts', 'extra', * FROM (SELECT * FROM stored EXCEPT SELECT * FROM actual)`),
    env.DB.prepare(`
      WITH actual AS (SELECT ct.tag_id, c.mailbox_id, c.status, c.state, count(*) AS n
        FROM conversation_tags ct JOIN conversations c ON c.id = ct.conversation_id GROUP BY 1, 2, 3, 4),
      stored AS (SELECT tag_id, mailbox_id, status, state, n FROM tag_counts WHERE n <> 0)
      SELECT 'tag_counts' AS counter, 'missing' AS side, * FROM (SELECT * FROM actual EXCEPT SELECT * FROM stored)
      UNION ALL SELECT 'tag_counts', 'extra', * FROM (SELECT * FROM stored EXCEPT SELECT * FROM actual)`),
  ]);
  return [...conversationCounts!.results, ...tagCounts!.results];
}

export async function threadCountMismatches() {
  const { results } = await env.DB.prepare(`
    SELECT c.id, c.threads_count, (SELECT count(*) FROM threads t WHERE t.conversation_id = c.id AND t.type <> 'lineitem') AS expected
    FROM conversations c
    WHERE c.threads_count <> (SELECT count(*) FROM threads t WHERE t.conversation_id = c.id AND t.type <> 'lineitem')`).all();
  return results;
}

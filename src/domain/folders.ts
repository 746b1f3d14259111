/**
 * Folder rules (behaviour notes, "Folders"): which folders a mailbox and its users have,
 * and which folders a conversation is counted in.
 */
import { type SQL, sql } from "drizzle-orm";
import { FolderType } from "../lib/vocabulary";

export const PUBLIC_FOLDER_TYPES = [
  FolderType.Unassigned,
  FolderType.Drafts,
  FolderType.Assigned,
  FolderType.Closed,
  FolderType.Spam,
  FolderType.Deleted,
] as const;

export const PERSONAL_FOLDER_TYPES = [FolderType.Mine, FolderType.Starred] as const;

/**
 * The public folder a conversation is filed in, as SQL over its state, status and assignee
 * (columns when re-filing a row, parameters when inserting one). The one place the rule lives.
 */
export function folderTypeSql(state: SQL, status: SQL, assigneeId: SQL): SQL {
  return sql`CASE
    WHEN ${state} = 'draft' THEN ${FolderType.Drafts}
    WHEN ${state} = 'deleted' THEN ${FolderType.Deleted}
    WHEN ${status} = 'spam' THEN ${FolderType.Spam}
    WHEN ${status} = 'closed' THEN ${FolderType.Closed}
    WHEN ${assigneeId} IS NOT NULL THEN ${FolderType.Assigned}
    ELSE ${FolderType.Unassigned} END`;
}

export const publicFolderIdSql = (mailboxId: SQL, type: SQL): SQL =>
  sql`(SELECT f.id FROM folders f WHERE f.mailbox_id = ${mailboxId} AND f.user_id IS NULL AND f.type = ${type})`;

/** Sets the folder of a conversation from its current row (run after changing it, same batch). */
export const refileSql = (conversationId: number): SQL =>
  sql`UPDATE conversations SET folder_id = ${publicFolderIdSql(
    sql`conversations.mailbox_id`,
    folderTypeSql(sql`conversations.state`, sql`conversations.status`, sql`conversations.assignee_id`),
  )} WHERE id = ${conversationId}`;

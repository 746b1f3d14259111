/**
 * Folder rules (behaviour notes, "Folders"): which folders a mailbox and its users have,
 * and which folders a conversation is counted in.
 */
import { FolderType, type FolderTypeValue } from "../db/schema";

export const PUBLIC_FOLDER_TYPES = [
  FolderType.Unassigned,
  FolderType.Drafts,
  FolderType.Assigned,
  FolderType.Closed,
  FolderType.Spam,
  FolderType.Deleted,
] as const;

export const PERSONAL_FOLDER_TYPES = [FolderType.Mine, FolderType.Starred] as const;

export const FOLDER_NAMES: Record<FolderTypeValue, string> = {
  [FolderType.Unassigned]: "Unassigned",
  [FolderType.Mine]: "Mine",
  [FolderType.Starred]: "Starred",
  [FolderType.Drafts]: "Drafts",
  [FolderType.Assigned]: "Assigned",
  [FolderType.Closed]: "Closed",
  [FolderType.Spam]: "Spam",
  [FolderType.Deleted]: "Deleted",
};

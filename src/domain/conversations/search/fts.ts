/**
 * Text terms as an FTS5 query on conversation_text_fts (migrations/0012): one row per
 * conversation, columns `subject` and `body` (its published threads' text, tags stripped).
 */
import { integer, real, sqliteTable } from "drizzle-orm/sqlite-core";
import type { SearchNode } from "./ast";

/** The word index of subjects and thread bodies (migrations/0012_full_text.sql). */
export const TEXT_INDEX = "conversation_text_fts";

/** Every term is an FTS5 string, so nothing in it is query syntax; its words must be adjacent. */
const phrase = (value: string) => `"${value.replaceAll('"', '""')}"`;
const COLUMN = { any: "", subject: "subject : ", body: "body : " } as const;

/** Text terms and AND / OR / NOT of text terms only. */
export function isTextOnly(node: SearchNode): boolean {
  switch (node.kind) {
    case "text":
      return true;
    case "and":
    case "or":
      return node.items.every(isTextOnly);
    case "not":
      return isTextOnly(node.item);
    default:
      return false;
  }
}

/**
 * The FTS5 query for a text-only node, or null when FTS5 cannot say it: its NOT is binary
 * (`a NOT b`), so a NOT needs something positive beside it in the same AND.
 */
export function ftsExpression(node: SearchNode): string | null {
  switch (node.kind) {
    case "text":
      return COLUMN[node.field] + phrase(node.value);
    case "or": {
      const items = node.items.map(ftsExpression);
      return items.every((item) => item !== null) ? items.map((item) => `(${item})`).join(" OR ") : null;
    }
    case "and": {
      const positive = node.items.filter((item) => item.kind !== "not").map(ftsExpression);
      const negative = node.items.flatMap((item) => (item.kind === "not" ? [ftsExpression(item.item)] : []));
      const all = [...positive, ...negative];
      if (positive.length === 0 || all.some((item) => item === null)) return null;
      const both = `(${positive.map((item) => `(${item})`).join(" AND ")})`;
      return negative.length === 0 ? both : `${both} NOT (${negative.map((item) => `(${item})`).join(" OR ")})`;
    }
    default:
      return null;
  }
}

/** The index as Drizzle sees it for joins: a conversation's id and its bm25 rank for the query. */
export const textIndex = sqliteTable(TEXT_INDEX, { rowid: integer("rowid").notNull(), rank: real("rank").notNull() });

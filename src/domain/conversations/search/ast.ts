/**
 * The search query language of List Conversations (`query=`), as a syntax tree. Pure: no SQL
 * here; compile.ts turns a tree into SQL.
 */
import type { ConversationStatus } from "../../../lib/vocabulary";

/** Where a text term is looked for: the subject or any thread body ("any"), or one of them. */
export type TextField = "any" | "subject" | "body";

export type SearchNode =
  | { kind: "text"; field: TextField; value: string }
  | { kind: "email"; value: string }
  | { kind: "tag"; value: string }
  | { kind: "status"; value: ConversationStatus }
  | { kind: "customField"; fieldId: number; value: string }
  | { kind: "mailbox"; id: number }
  /** null: unassigned. */
  | { kind: "assigned"; id: number | null }
  | { kind: "and"; items: SearchNode[] }
  | { kind: "or"; items: SearchNode[] }
  | { kind: "not"; item: SearchNode };

export type TermNode = Exclude<SearchNode, { kind: "and" | "or" | "not" }>;

/** The field prefixes of the language (`subject:`, `tag:` ...), as written. */
export const FIELD_NAMES = ["subject", "body", "email", "tag", "status", "customField", "mailbox", "assigned"] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** The words that are operators when written in capitals; any other spelling is a word. */
export const OPERATORS = ["AND", "OR", "NOT"] as const;

/** Limits that keep one query's SQL small (D1 caps statements and their bound parameters). */
export const MAX_TERMS = 20;
export const MAX_DEPTH = 16;

/** A query the language cannot read; `position` counts characters from 1. */
export class SearchSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
  }
}

/** Every term (leaf) of a tree, in order. */
export function termsOf(node: SearchNode): TermNode[] {
  switch (node.kind) {
    case "and":
    case "or":
      return node.items.flatMap(termsOf);
    case "not":
      return termsOf(node.item);
    default:
      return [node];
  }
}

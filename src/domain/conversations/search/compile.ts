/**
 * A search tree as SQL over `conversations`. Text terms go to the word index as FTS5 queries
 * (text terms side by side, or under one OR, become one query); every other term is a
 * predicate an index serves (tags, custom field values, the conversation's columns).
 *
 * `match` is the FTS5 query every result matches when there is one (the query's text part at
 * its top level): the page then reads the matches from the index and ranks them.
 */
import { and, eq, inArray, isNull, not, or, type SQL, sql } from "drizzle-orm";
import { conversations } from "../../../db/schema";
import { normalizeEmail } from "../../customers/resolution";
import { tagCondition } from "../tagPlan";
import { normalizeTagName } from "../tagsAndFields";
import type { SearchNode } from "./ast";
import { customFieldCondition } from "./customFields";
import { ftsExpression, isTextOnly, TEXT_INDEX } from "./fts";

export interface CompiledSearch {
  /** The FTS5 query every result matches, if any. */
  match?: string;
  /** Everything else the results satisfy (with `match`, the whole query). */
  rest?: SQL;
}

const c = conversations;

/** Conversations whose subject or threads match an FTS5 query. */
export const matching = (expression: string): SQL =>
  inArray(c.id, sql.raw(`(SELECT rowid FROM ${TEXT_INDEX} WHERE ${TEXT_INDEX} MATCH `).append(sql`${expression})`));

export function compileSearch(node: SearchNode): CompiledSearch {
  const items = node.kind === "and" ? node.items : [node];
  const text = items.filter(isTextOnly);
  const match = text.length === 0 ? null : ftsExpression(text.length === 1 ? text[0]! : { kind: "and", items: text });
  if (match === null) return { rest: condition(node) };
  const others = items.filter((item) => !isTextOnly(item));
  return { match, rest: others.length === 0 ? undefined : and(...others.map(condition)) };
}

/** Text-only members of an AND / OR that FTS5 can say at once, as one predicate. */
function grouped(kind: "and" | "or", items: SearchNode[]): SQL[] {
  const text = items.filter(isTextOnly);
  const expression = text.length > 1 ? ftsExpression({ kind, items: text }) : null;
  if (expression === null) return items.map(condition);
  return [matching(expression), ...items.filter((item) => !isTextOnly(item)).map(condition)];
}

function condition(node: SearchNode): SQL {
  switch (node.kind) {
    case "and":
      return and(...grouped("and", node.items))!;
    case "or":
      return or(...grouped("or", node.items))!;
    case "not":
      return not(condition(node.item));
    case "text":
      return matching(ftsExpression(node)!);
    case "email":
      // IS: a conversation without a customer email is simply not this one (also under NOT).
      return sql`${c.customerEmail} IS ${normalizeEmail(node.value)}`;
    case "tag":
      return tagCondition(normalizeTagName(node.value), "lookup");
    case "status":
      return eq(c.status, node.value);
    case "customField":
      return customFieldCondition(node);
    case "mailbox":
      return eq(c.mailboxId, node.id);
    case "assigned":
      return node.id === null ? isNull(c.assigneeId) : sql`${c.assigneeId} IS ${node.id}`;
  }
}

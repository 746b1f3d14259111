/**
 * Recursive-descent parser of the query language:
 *
 *   query   = or
 *   or      = and { "OR" and }
 *   and     = unary { [ "AND" ] unary }        (terms side by side are ANDed)
 *   unary   = "NOT" unary | primary
 *   primary = "(" or ")" | term
 *   term    = text | field ":" value
 *
 * NOT binds tightest, then AND, then OR. A parenthesised group stays one node.
 */
import { conversationStatuses } from "../../../lib/vocabulary";
import { MAX_DEPTH, MAX_TERMS, type SearchNode, SearchSyntaxError, type TermNode } from "./ast";
import { type Token, tokenize } from "./tokenize";

/** unicode61's token characters (letters, numbers, private use): a text term needs one. */
export const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

export function parseQuery(query: string): SearchNode {
  const tokens = tokenize(query);
  const end = query.length + 1;
  let at = 0;
  let terms = 0;

  const peek = (): Token | undefined => tokens[at];
  const describe = (token: Token) =>
    token.type === "operator" ? `"${token.value}"` : token.type === "(" || token.type === ")" ? `"${token.type}"` : "";

  const or = (depth: number): SearchNode => {
    const items = [and(depth)];
    while (peek()?.type === "operator" && (peek() as { value: string }).value === "OR") {
      at += 1;
      items.push(and(depth));
    }
    return items.length === 1 ? items[0]! : { kind: "or", items };
  };

  const and = (depth: number): SearchNode => {
    const items = [unary(depth)];
    for (;;) {
      const next = peek();
      if (!next || next.type === ")" || (next.type === "operator" && next.value === "OR")) break;
      if (next.type === "operator" && next.value === "AND") at += 1;
      items.push(unary(depth));
    }
    return items.length === 1 ? items[0]! : { kind: "and", items };
  };

  const unary = (depth: number): SearchNode => {
    const token = peek();
    if (token?.type === "operator" && token.value === "NOT") {
      if (depth >= MAX_DEPTH) throw new SearchSyntaxError(`Nested more than ${MAX_DEPTH} levels deep`, token.position);
      at += 1;
      return { kind: "not", item: unary(depth + 1) };
    }
    return primary(depth);
  };

  const primary = (depth: number): SearchNode => {
    const token = peek();
    if (!token) {
      const last = tokens[at - 1];
      const after = last?.type === "operator" ? ` after "${last.value}"` : "";
      throw new SearchSyntaxError(`Expected a search term${after}`, end);
    }
    if (token.type === "(") {
      if (depth >= MAX_DEPTH) throw new SearchSyntaxError(`Nested more than ${MAX_DEPTH} levels deep`, token.position);
      at += 1;
      const inner = or(depth + 1);
      if (peek()?.type !== ")") throw new SearchSyntaxError('Missing ")" for the "("', token.position);
      at += 1;
      return inner;
    }
    if (token.type === ")" || token.type === "operator") {
      throw new SearchSyntaxError(`Expected a search term before ${describe(token)}`, token.position);
    }
    at += 1;
    terms += 1;
    if (terms > MAX_TERMS) throw new SearchSyntaxError(`More than ${MAX_TERMS} terms`, token.position);
    return term(token);
  };

  const tree = or(0);
  const rest = peek();
  if (rest) throw new SearchSyntaxError(`Unexpected ${describe(rest)}`, rest.position);
  return tree;
}

function term(token: Extract<Token, { type: "text" | "field" }>): TermNode {
  const { position } = token;
  if (token.type === "text") return { kind: "text", field: "any", value: words(token.value, position) };
  const { name, written, value } = token;
  switch (name) {
    case "subject":
    case "body":
      return { kind: "text", field: name, value: words(value, position) };
    case "email":
    case "tag":
      return { kind: name, value: value.trim() };
    case "customField":
      return { kind: "customField", fieldId: token.fieldId!, value };
    case "status": {
      const status = conversationStatuses.find((known) => known === value.trim().toLowerCase());
      if (!status) throw new SearchSyntaxError(`Expected active, pending, closed or spam after "${written}"`, position);
      return { kind: "status", value: status };
    }
    case "mailbox":
      if (!/^\d{1,15}$/.test(value)) throw new SearchSyntaxError(`Expected a mailbox id after "${written}"`, position);
      return { kind: "mailbox", id: Number(value) };
    case "assigned":
      if (value.toLowerCase() === "none") return { kind: "assigned", id: null };
      if (!/^\d{1,15}$/.test(value)) {
        throw new SearchSyntaxError(`Expected a user id or "none" after "${written}"`, position);
      }
      return { kind: "assigned", id: Number(value) };
  }
}

function words(value: string, position: number): string {
  if (!WORD_CHARACTER.test(value)) throw new SearchSyntaxError("Expected letters or digits to search for", position);
  return value;
}

/**
 * The query language's tokens: parentheses, the capitalised operators AND / OR / NOT, text
 * (a bare word or a "quoted phrase") and field terms (`tag:vip`, `subject:"late order"`,
 * `customField:3:Gold`). Positions count characters from 1.
 */
import { FIELD_NAMES, type FieldName, OPERATORS, SearchSyntaxError } from "./ast";

export type Token =
  | { type: "("; position: number }
  | { type: ")"; position: number }
  | { type: "operator"; value: (typeof OPERATORS)[number]; position: number }
  | { type: "text"; value: string; position: number }
  | { type: "field"; name: FieldName; written: string; fieldId?: number; value: string; position: number };

const FIELD_BY_LOWER = new Map<string, FieldName>(FIELD_NAMES.map((name) => [name.toLowerCase(), name]));
const ENDS_WORD = /[\s()"]/;

/** `name:` when `name` is a field of the language (any letter case), else null. */
export function fieldPrefix(word: string): FieldName | null {
  const match = /^([A-Za-z]+):/.exec(word);
  return match ? (FIELD_BY_LOWER.get(match[1]!.toLowerCase()) ?? null) : null;
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;

  /** A phrase from the `"` at `at`: `\"` and `\\` are a quote and a backslash. */
  const phrase = (): string => {
    const start = at;
    let value = "";
    at += 1;
    while (at < query.length) {
      const ch = query[at]!;
      if (ch === '"') {
        at += 1;
        return value;
      }
      if (ch === "\\" && (query[at + 1] === '"' || query[at + 1] === "\\")) {
        value += query[at + 1];
        at += 2;
        continue;
      }
      value += ch;
      at += 1;
    }
    throw new SearchSyntaxError("Missing the closing quote of the phrase starting", start + 1);
  };

  const word = (): string => {
    const start = at;
    while (at < query.length && !ENDS_WORD.test(query[at]!)) at += 1;
    return query.slice(start, at);
  };

  while (at < query.length) {
    const ch = query[at]!;
    const position = at + 1;
    if (/\s/.test(ch)) {
      at += 1;
    } else if (ch === "(" || ch === ")") {
      tokens.push({ type: ch, position });
      at += 1;
    } else if (ch === '"') {
      tokens.push({ type: "text", value: phrase(), position });
    } else {
      const text = word();
      const name = fieldPrefix(text);
      if ((OPERATORS as readonly string[]).includes(text)) {
        tokens.push({ type: "operator", value: text as (typeof OPERATORS)[number], position });
      } else if (name) {
        tokens.push(fieldToken(name, text, position, () => (query[at] === '"' ? phrase() : null)));
      } else {
        tokens.push({ type: "text", value: text, position });
      }
    }
  }
  return tokens;
}

/** A field term: its value is the rest of the word, or a phrase right after the colon. */
function fieldToken(
  name: FieldName,
  text: string,
  position: number,
  phraseAfter: () => string | null,
): Extract<Token, { type: "field" }> {
  const colon = text.indexOf(":");
  let written = text.slice(0, colon + 1);
  let rest = text.slice(colon + 1);
  let fieldId: number | undefined;
  if (name === "customField") {
    const match = /^(\d{1,15}):/.exec(rest);
    if (!match) throw new SearchSyntaxError(`Expected a custom field id and ":" after "${written}"`, position);
    fieldId = Number(match[1]);
    written += match[0];
    rest = rest.slice(match[0].length);
  }
  const value = rest === "" ? phraseAfter() : rest;
  if (value === null || value.trim() === "") {
    throw new SearchSyntaxError(`Expected a value after "${written}"`, position);
  }
  return { type: "field", name, written, fieldId, value, position };
}

/** A syntax tree back to query text that parses to the same tree (parse(print(x)) equals x). */
import { OPERATORS, type SearchNode } from "./ast";
import { fieldPrefix } from "./tokenize";

const BARE = /^[^\s()"]+$/;

const quoted = (value: string) => `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;

/** A field's value: bare when it is one word, else a phrase. */
const valueText = (value: string) => (BARE.test(value) ? value : quoted(value));

/** A text term alone must not read as an operator or a field term. */
const textTerm = (value: string) =>
  BARE.test(value) && !(OPERATORS as readonly string[]).includes(value) && !fieldPrefix(value) ? value : quoted(value);

export function printQuery(node: SearchNode): string {
  const group = (child: SearchNode, when: readonly SearchNode["kind"][]) =>
    when.includes(child.kind) ? `(${printQuery(child)})` : printQuery(child);
  switch (node.kind) {
    case "and":
      return node.items.map((item) => group(item, ["and", "or"])).join(" ");
    case "or":
      return node.items.map((item) => group(item, ["or"])).join(" OR ");
    case "not":
      return `NOT ${group(node.item, ["and", "or"])}`;
    case "text":
      return node.field === "any" ? textTerm(node.value) : `${node.field}:${valueText(node.value)}`;
    case "email":
    case "tag":
    case "status":
      return `${node.kind}:${valueText(node.value)}`;
    case "customField":
      return `customField:${node.fieldId}:${valueText(node.value)}`;
    case "mailbox":
      return `mailbox:${node.id}`;
    case "assigned":
      return `assigned:${node.id ?? "none"}`;
  }
}

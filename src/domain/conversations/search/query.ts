/** The `query` parameter of List Conversations read into a tree; refusals in FreeScout's envelope. */
import { badRequest, type ErrorEntry } from "../../../lib/errors";
import type { FieldDefinition } from "../../fieldValues";
import { type SearchNode, SearchSyntaxError, termsOf } from "./ast";
import { type CustomFieldFilter, customFieldProblem } from "./customFields";
import { parseQuery } from "./parse";
import { tokenize } from "./tokenize";

const refusal = (query: string, message: string): ErrorEntry => ({
  path: "query",
  message,
  rejectedValue: query,
  source: "QUERY",
});

export function readQuery(query: string): SearchNode {
  try {
    return parseQuery(query);
  } catch (error) {
    if (error instanceof SearchSyntaxError) throw badRequest(refusal(query, error.message));
    throw error;
  }
}

/**
 * The custom field filters (`customField[ID]=`) and the query's `customField:` terms checked
 * against the field definitions: every problem at once, the query's with their positions.
 */
export function checkCustomFields(
  definitions: readonly FieldDefinition[],
  filters: readonly CustomFieldFilter[],
  query: { text: string; tree: SearchNode } | undefined,
): void {
  const errors: ErrorEntry[] = [];
  for (const filter of filters) {
    const problem = customFieldProblem(filter, definitions);
    if (problem) {
      errors.push({
        path: `customField[${filter.fieldId}]`,
        message: problem,
        rejectedValue: filter.value,
        source: "QUERY",
      });
    }
  }
  if (query) {
    const positions = tokenize(query.text).flatMap((token) =>
      token.type === "field" && token.name === "customField" ? [token.position] : [],
    );
    termsOf(query.tree)
      .filter((term) => term.kind === "customField")
      .forEach((term, index) => {
        const problem = customFieldProblem(term, definitions);
        if (problem) errors.push(refusal(query.text, `${problem} at position ${positions[index]}`));
      });
  }
  if (errors.length > 0) throw badRequest(...errors);
}

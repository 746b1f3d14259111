/**
 * Custom field filters (`customField[ID]=value`, `customField:ID:value` in a query) on the
 * conversation_field_values look-up (migrations/0012): field -> value -> conversations.
 *
 * A value is compared as text, surrounding spaces aside. A dropdown matches by option id or
 * by label (letter case aside); a date field also takes a range `FROM..TO` (both days included, either end may
 * be left out). The SQL needs no definition (labels are looked up in it), so the field
 * definitions are read in the same batch and checked afterwards (`customFieldProblem`).
 */
import { inArray, type SQL, sql } from "drizzle-orm";
import { conversations } from "../../../db/schema";
import type { FieldDefinition } from "../../fieldValues";

export interface CustomFieldFilter {
  fieldId: number;
  value: string;
}

const RANGE = /^(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?$/;

function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

export function customFieldCondition(filter: CustomFieldFilter): SQL {
  const value = filter.value.trim();
  const field = sql.raw(String(Math.trunc(filter.fieldId)));
  const range = RANGE.exec(value);
  const matching = range
    ? sql.join(
        [
          sql`field_id = ${field}`,
          ...(range[1] ? [sql`value >= ${range[1]}`] : []),
          ...(range[2] ? [sql`value <= ${range[2]}`] : []),
        ],
        sql` AND `,
      )
    : sql`field_id = ${field} AND value IN (SELECT ${value} UNION ALL
        SELECT o.key FROM custom_fields f, json_each(f.options) AS o WHERE f.id = ${field} AND o.value = ${value} COLLATE NOCASE)`;
  return inArray(conversations.id, sql`(SELECT conversation_id FROM conversation_field_values WHERE ${matching})`);
}

/** Why a filter cannot apply to the field it names, or null when it can. */
export function customFieldProblem(filter: CustomFieldFilter, definitions: readonly FieldDefinition[]): string | null {
  const definition = definitions.find((candidate) => candidate.id === filter.fieldId);
  if (!definition) return `Unknown custom field ${filter.fieldId}`;
  const value = filter.value.trim();
  const range = RANGE.exec(value);
  if (range) {
    if (definition.type !== "date")
      return `A range FROM..TO applies to date fields only; ${definition.name} is not one`;
    if (range[1] && range[2] && range[1] > range[2]) return `The range ${value} ends before it starts`;
    return [range[1], range[2]].every((day) => !day || isDay(day)) ? null : `Expected days as YYYY-MM-DD in ${value}`;
  }
  if (definition.type === "date" && !isDay(value)) {
    return `Expected a day (YYYY-MM-DD) or a range FROM..TO for ${definition.name}`;
  }
  if (definition.type === "dropdown") {
    const options = Object.entries(definition.options ?? {});
    if (!options.some(([id, label]) => id === value || label.toLowerCase() === value.toLowerCase())) {
      const known = options.map(([id, label]) => `${id} (${label})`).join(", ");
      return `Expected an option id or label of ${definition.name}: ${known}`;
    }
  }
  return null;
}

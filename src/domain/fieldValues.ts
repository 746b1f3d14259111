/**
 * Values of typed fields: mailbox custom fields on conversations and customer fields on
 * customers share these rules. Dropdown values are option ids; numbers and dates are
 * checked; everything is stored as text, as FreeScout does.
 */

import { badRequest, type ErrorEntry } from "../lib/errors";
import type { CustomFieldType, FieldOptions } from "../lib/vocabulary";

export interface FieldDefinition {
  id: number;
  name: string;
  type: CustomFieldType;
  options: FieldOptions | null;
}

export interface FieldValueInput {
  id: number;
  value: unknown;
}

const MAX_TEXT = { singleline: 255, multiline: 65_535 } as const;

function checkValue(def: FieldDefinition, value: unknown): { value: string } | { error: string } {
  if (value === null || value === "") return { value: "" };
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string") return { error: "must be a string or a number" };
  switch (def.type) {
    case "singleline":
    case "multiline":
      return text.length > MAX_TEXT[def.type]
        ? { error: `must be at most ${MAX_TEXT[def.type]} characters` }
        : { value: text };
    case "number":
      return /^-?\d+(\.\d+)?$/.test(text.trim()) ? { value: text.trim() } : { error: "must be a number" };
    case "date": {
      const day = text.trim().slice(0, 10);
      const valid =
        /^\d{4}-\d{2}-\d{2}$/.test(day) &&
        !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
        new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
      return valid ? { value: day } : { error: "must be a date in the form YYYY-MM-DD" };
    }
    case "dropdown": {
      const options = def.options ?? {};
      if (text in options) return { value: text };
      const ids = Object.keys(options).join(", ");
      return { error: `must be the id of one of the options (${ids})` };
    }
  }
}

/**
 * Validates values against the definitions they may use. `path` is the body field,
 * e.g. `customFields`; errors name `customFields[1].value`. Throws 400 listing every bad entry.
 */
export function validateFieldValues(
  definitions: readonly FieldDefinition[],
  input: readonly FieldValueInput[],
  path: string,
): { fieldId: number; value: string }[] {
  const byId = new Map(definitions.map((def) => [def.id, def]));
  const errors: ErrorEntry[] = [];
  const values: { fieldId: number; value: string }[] = [];
  input.forEach((entry, index) => {
    const def = byId.get(entry.id);
    if (!def) {
      errors.push({ path: `${path}[${index}].id`, message: "Unknown field", rejectedValue: entry.id, source: "JSON" });
      return;
    }
    const checked = checkValue(def, entry.value);
    if ("error" in checked) {
      const rejectedValue = typeof entry.value === "object" ? undefined : entry.value;
      errors.push({
        path: `${path}[${index}].value`,
        message: `${def.name} ${checked.error}`,
        rejectedValue,
        source: "JSON",
      });
      return;
    }
    values.push({ fieldId: def.id, value: checked.value });
  });
  if (errors.length > 0) throw badRequest(...errors);
  // A field given twice takes its last value.
  return [...new Map(values.map((value) => [value.fieldId, value])).values()];
}

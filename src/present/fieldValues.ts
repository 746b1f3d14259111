import type { CustomFieldType, FieldOptions } from "../lib/vocabulary";

interface FieldDefinitionRow {
  id: number;
  name: string;
  type: CustomFieldType;
  options: FieldOptions | null;
}

/** `[{ id, name, value, text }]` as Get Conversation / Get Customer show them; `text` is the dropdown label. */
export function presentFieldValues(
  definitions: readonly FieldDefinitionRow[],
  values: readonly { fieldId: number; value: string }[],
) {
  const byId = new Map(definitions.map((def) => [def.id, def]));
  return values.flatMap(({ fieldId, value }) => {
    const def = byId.get(fieldId);
    if (!def) return [];
    const text = def.type === "dropdown" ? (def.options?.[value] ?? "") : "";
    return [{ id: def.id, name: def.name, value, text }];
  });
}

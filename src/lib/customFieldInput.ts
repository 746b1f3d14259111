import { z } from "@hono/zod-openapi";
import { customFieldTypes } from "../lib/vocabulary";

/** A field definition as the extension endpoints accept it (mailbox custom fields, customer fields). */
export const FieldDefinitionBody = z
  .object({
    name: z.string().trim().min(1).max(75),
    type: z.enum(customFieldTypes),
    options: z
      .union([
        z.array(z.string().trim().min(1).max(255)).min(1),
        z.record(z.string().regex(/^[1-9]\d*$/, "option ids are positive integers"), z.string().trim().min(1).max(255)),
      ])
      .optional()
      .openapi({ description: "Dropdown only: labels (ids 1..n are given) or an id -> label map" }),
    required: z.boolean().default(false),
    sortOrder: z.number().int().min(0).default(0),
  })
  .superRefine((field, ctx) => {
    const isDropdown = field.type === "dropdown";
    const count = field.options ? Object.keys(field.options).length : 0;
    if (isDropdown && count === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "a dropdown needs at least one option" });
    }
    if (!isDropdown && field.options !== undefined) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "only dropdown fields have options" });
    }
  })
  .openapi("FieldDefinition");

export function normalizeOptions(
  options: string[] | Record<string, string> | undefined,
): Record<string, string> | null {
  if (!options) return null;
  if (Array.isArray(options)) return Object.fromEntries(options.map((label, i) => [String(i + 1), label]));
  return options;
}

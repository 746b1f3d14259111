import type { CustomFieldType } from "../lib/vocabulary";

/** A custom field definition as a mailbox's custom fields and the customer fields take it. */
export interface FieldDefinition {
  name: string;
  type: CustomFieldType;
  /** Dropdown only: labels (stored with ids 1..n) or an id -> label map. */
  options?: string[] | Record<string, string>;
  required: boolean;
  sortOrder: number;
}

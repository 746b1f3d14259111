import { asc } from "drizzle-orm";
import { customerFields } from "../db/schema";
import { normalizeOptions } from "../lib/customFieldInput";
import type { Services } from "../services";
import type { FieldDefinition } from "./fieldDefinitions";
import { type Paging, pageInMemory } from "./paging";

/** The customer field definitions in display order (a handful: the list is paged in memory). */
export async function listCustomerFields({ db }: Pick<Services, "db">, page: Paging) {
  const all = await db.select().from(customerFields).orderBy(asc(customerFields.sortOrder), asc(customerFields.id));
  return pageInMemory(all, page);
}

export async function createCustomerField({ db }: Pick<Services, "db">, input: FieldDefinition) {
  const [field] = await db
    .insert(customerFields)
    .values({ ...input, options: normalizeOptions(input.options) })
    .returning();
  return { field: field! };
}

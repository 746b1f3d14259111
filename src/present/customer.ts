/** Customers as Get Customer and List Customers show them, read in one batch. */
import { z } from "@hono/zod-openapi";
import { asc, inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { SQLiteSelect } from "drizzle-orm/sqlite-core";
import type { Database } from "../db/client";
import { customerEmails, customerFields, customerFieldValues, customerPhones, customers } from "../db/schema";
import { inIds } from "../db/sql";
import { toIso } from "../lib/dates";
import { IsoDate } from "../lib/openapi";
import { photoTypes } from "../lib/vocabulary";
import { CustomFieldValueSchema } from "./conversation";
import { presentFieldValues } from "./fieldValues";

const EntrySchema = z.object({ id: z.number().int(), value: z.string(), type: z.string() });

const AddressSchema = z
  .object({
    city: z.string().nullable(),
    state: z.string().nullable(),
    zip: z.string().nullable(),
    country: z.string().nullable(),
    address: z.string().nullable(),
  })
  .openapi("Address");

const CustomerEmbedded = z.object({
  emails: z.array(EntrySchema),
  phones: z.array(EntrySchema),
  social_profiles: z.array(EntrySchema),
  websites: z.array(z.object({ id: z.number().int(), value: z.string() })),
  address: AddressSchema,
});

const customerFieldsBase = {
  id: z.number().int(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  company: z.string().nullable(),
  jobTitle: z.string().nullable(),
  photoType: z.enum(photoTypes).nullable(),
  photoUrl: z.string().nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  notes: z.string().nullable(),
};

export const CustomerSchema = z
  .object({ ...customerFieldsBase, customerFields: z.array(CustomFieldValueSchema), _embedded: CustomerEmbedded })
  .openapi("Customer");

export const CustomerListItemSchema = z
  .object({ ...customerFieldsBase, _embedded: CustomerEmbedded })
  .openapi("CustomerListItem");

export type Customer = z.infer<typeof CustomerSchema>;
export type CustomerListItem = z.infer<typeof CustomerListItemSchema>;
type CustomerRow = typeof customers.$inferSelect;

/**
 * The statements that read what the customers show; part of the caller's batch. `ids` is
 * a list or a subquery selecting them (a list's page, so that one batch reads it all).
 */
export function customerDetailStatements(db: Database, ids: number[] | SQLiteSelect, withFields: boolean) {
  const of = (column: SQLWrapper): SQL => (Array.isArray(ids) ? inIds(column, ids) : inArray(column, ids));
  return [
    db.select().from(customerEmails).where(of(customerEmails.customerId)).orderBy(asc(customerEmails.id)),
    db.select().from(customerPhones).where(of(customerPhones.customerId)).orderBy(asc(customerPhones.id)),
    db
      .select()
      .from(customerFieldValues)
      .where(withFields ? of(customerFieldValues.customerId) : sql`0`),
    db
      .select()
      .from(customerFields)
      .where(withFields ? undefined : inArray(customerFields.id, []))
      .orderBy(asc(customerFields.sortOrder), asc(customerFields.id)),
  ] as const;
}

type Details = [
  (typeof customerEmails.$inferSelect)[],
  (typeof customerPhones.$inferSelect)[],
  (typeof customerFieldValues.$inferSelect)[],
  (typeof customerFields.$inferSelect)[],
];

function presentBase(row: CustomerRow, details: Details) {
  const [emails, phones] = details;
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    company: row.company,
    jobTitle: row.jobTitle,
    photoType: row.photoType,
    photoUrl: row.photoUrl,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    notes: row.notes,
    _embedded: {
      emails: emails.filter((e) => e.customerId === row.id).map((e) => ({ id: e.id, value: e.email, type: e.type })),
      phones: phones.filter((p) => p.customerId === row.id).map((p) => ({ id: p.id, value: p.value, type: p.type })),
      // Profiles and websites are stored as lists; their ids are their positions.
      social_profiles: row.socialProfiles.map((entry, index) => ({
        id: index + 1,
        value: entry.value,
        type: entry.type ?? "other",
      })),
      websites: row.websites.map((entry, index) => ({ id: index + 1, value: entry.value })),
      address: {
        city: row.addressCity,
        state: row.addressState,
        zip: row.addressZip,
        country: row.addressCountry,
        address: row.addressLine,
      },
    },
  };
}

export function presentCustomer(row: CustomerRow, details: Details): Customer {
  const [, , values, definitions] = details;
  const own = values
    .filter((value) => value.customerId === row.id)
    .map((value) => ({ fieldId: value.fieldId, value: value.value }));
  const order = new Map(definitions.map((definition, index) => [definition.id, index]));
  own.sort((a, b) => (order.get(a.fieldId) ?? 0) - (order.get(b.fieldId) ?? 0));
  const { _embedded, ...base } = presentBase(row, details);
  return { ...base, customerFields: presentFieldValues(definitions, own), _embedded };
}

export const presentCustomerListItem = (row: CustomerRow, details: Details): CustomerListItem =>
  presentBase(row, details);

/** Get Customer's JSON in one round trip; null if unknown. Webhooks send the same. */
export async function loadCustomer(db: Database, id: number): Promise<Customer | null> {
  const [found, ...details] = await db.batch([
    db
      .select()
      .from(customers)
      .where(inArray(customers.id, [id])),
    ...customerDetailStatements(db, [id], true),
  ]);
  return found[0] ? presentCustomer(found[0], details) : null;
}

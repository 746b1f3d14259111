/** Customers as Get Customer and List Customers show them, from their rows. */
import { z } from "@hono/zod-openapi";
import type { customerEmails, customerFields, customerFieldValues, customerPhones, customers } from "../db/schema";
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

/** As FreeScout's module lists them: the same object as Get Customer, customer fields included. */
export const CustomerListItemSchema = z
  .object({ ...customerFieldsBase, customerFields: z.array(CustomFieldValueSchema), _embedded: CustomerEmbedded })
  .openapi("CustomerListItem");

export type Customer = z.infer<typeof CustomerSchema>;
export type CustomerListItem = z.infer<typeof CustomerListItemSchema>;
type CustomerRow = typeof customers.$inferSelect;

/** A customer's emails and phones (rows of one or more customers; each takes its own). */
export interface CustomerContacts {
  emails: (typeof customerEmails.$inferSelect)[];
  phones: (typeof customerPhones.$inferSelect)[];
}

/** What Get Customer shows: the row, contacts, field values and the field definitions in order. */
export interface CustomerRecord extends CustomerContacts {
  customer: CustomerRow;
  fieldValues: (typeof customerFieldValues.$inferSelect)[];
  fields: (typeof customerFields.$inferSelect)[];
}

function presentBase(row: CustomerRow, { emails, phones }: CustomerContacts) {
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

export function presentCustomer(record: CustomerRecord): Customer {
  const { customer: row, fieldValues, fields } = record;
  const own = fieldValues
    .filter((value) => value.customerId === row.id)
    .map((value) => ({ fieldId: value.fieldId, value: value.value }));
  const order = new Map(fields.map((definition, index) => [definition.id, index]));
  own.sort((a, b) => (order.get(a.fieldId) ?? 0) - (order.get(b.fieldId) ?? 0));
  const { _embedded, ...base } = presentBase(row, record);
  return { ...base, customerFields: presentFieldValues(fields, own), _embedded };
}

/** `page` holds the rows of a whole page of customers; each takes its own. */
export const presentCustomerListItem = (row: CustomerRow, page: Omit<CustomerRecord, "customer">): CustomerListItem =>
  presentCustomer({ ...page, customer: row });

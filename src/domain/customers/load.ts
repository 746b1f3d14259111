/** Reads of what Get Customer, List Customers and the customer webhooks show, in one batch. */
import { asc, inArray, type SQL, type SQLWrapper } from "drizzle-orm";
import type { SQLiteSelect } from "drizzle-orm/sqlite-core";
import type { Database } from "../../db/client";
import { customerEmails, customerFields, customerFieldValues, customerPhones, customers } from "../../db/schema";
import { inIds } from "../../db/sql";
import { type Customer, type CustomerRecord, presentCustomer } from "../../present/customer";
import type { Services } from "../../services";
import { namedBatch } from "../batch";

/** Customers by id: a list, or a subquery selecting them (a list's page, so one batch reads it all). */
type Ids = number[] | SQLiteSelect;

const having =
  (ids: Ids) =>
  (column: SQLWrapper): SQL =>
    Array.isArray(ids) ? inIds(column, ids) : inArray(column, ids);

/** The customers' emails and phones; part of the caller's batch. */
export function contactStatements(db: Database, ids: Ids) {
  const of = having(ids);
  return {
    emails: db.select().from(customerEmails).where(of(customerEmails.customerId)).orderBy(asc(customerEmails.id)),
    phones: db.select().from(customerPhones).where(of(customerPhones.customerId)).orderBy(asc(customerPhones.id)),
  };
}

/** The customers' field values and the field definitions, in their order; part of the caller's batch. */
export function fieldStatements(db: Database, ids: Ids) {
  return {
    fieldValues: db.select().from(customerFieldValues).where(having(ids)(customerFieldValues.customerId)),
    fields: db.select().from(customerFields).orderBy(asc(customerFields.sortOrder), asc(customerFields.id)),
  };
}

/** A customer with everything Get Customer shows, in one round trip; null if unknown. */
export async function readCustomer({ db }: Pick<Services, "db">, id: number): Promise<CustomerRecord | null> {
  const { found, ...details } = await namedBatch(db, {
    found: db
      .select()
      .from(customers)
      .where(inArray(customers.id, [id])),
    ...contactStatements(db, [id]),
    ...fieldStatements(db, [id]),
  });
  return found[0] ? { customer: found[0], ...details } : null;
}

/** Get Customer's JSON; webhooks send the same. */
export async function loadCustomer(services: Pick<Services, "db">, id: number): Promise<Customer | null> {
  const record = await readCustomer(services, id);
  return record ? presentCustomer(record) : null;
}

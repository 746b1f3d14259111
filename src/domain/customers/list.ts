/** List Customers: filters combine with AND; each filter and sort is served by an index. */
import { and, asc, count, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { customerEmails, customers } from "../../db/schema";
import type { Services } from "../../services";
import { listPage, paging } from "../paging";
import { contactStatements, fieldStatements } from "./load";
import { normalizeEmail } from "./resolution";

const SORT_FIELDS = {
  createdAt: customers.createdAt,
  firstName: customers.firstName,
  lastName: customers.lastName,
  updatedAt: customers.updatedAt,
};

export interface CustomerListQuery {
  /** Matched case-insensitively (as FreeScout on MySQL). */
  firstName?: string;
  lastName?: string;
  /** Its digits, matched as a substring of a phone's digits (as FreeScout). */
  phone?: string;
  /** Matched case-insensitively. */
  email?: string;
  /** Unix seconds; that second included. */
  updatedSince?: number;
  /** Three characters or more, a substring of one of the customer's emails (case-insensitive). */
  emailContains?: string;
  /** The part after the '@' of one of the customer's emails, whole (case-insensitive). */
  emailDomain?: string;
  /** Each a customer field's value, as stored, compared case-insensitively; all must match. */
  customerFields?: readonly CustomerFieldFilter[];
  sortField?: keyof typeof SORT_FIELDS;
  sortOrder?: "asc" | "desc";
  page?: number;
  pageSize?: number;
}

export interface CustomerFieldFilter {
  fieldId: number;
  value: string;
}

/** Customers with an email containing the text: a phrase on the trigram index (migration 0013), quoted so nothing in it is query syntax. */
const emailContains = (text: string) =>
  sql`(SELECT customer_id FROM customer_emails WHERE id IN
    (SELECT rowid FROM customer_emails_fts WHERE customer_emails_fts MATCH ${`"${text.toLowerCase().replaceAll('"', '""')}"`}))`;

/** Customers with the field's value (customer_field_values_field_value_idx covers it). */
const fieldValueIs = ({ fieldId, value }: CustomerFieldFilter) =>
  sql`(SELECT customer_id FROM customer_field_values WHERE field_id = ${fieldId} AND value = ${value} COLLATE NOCASE)`;

/** The filters and order of a query. */
export function listCriteria(db: Database, query: CustomerListQuery) {
  const digits = query.phone?.replace(/\D/g, "") ?? "";
  const where = and(
    query.firstName !== undefined ? sql`${customers.firstName} = ${query.firstName.trim()} COLLATE NOCASE` : undefined,
    query.lastName !== undefined ? sql`${customers.lastName} = ${query.lastName.trim()} COLLATE NOCASE` : undefined,
    // A phone without digits matches no customer (FreeScout's LIKE '%%' would match them all).
    query.phone !== undefined
      ? inArray(
          customers.id,
          // A substring match cannot seek: it scans the narrow digits index rather than the table.
          sql`(SELECT customer_id FROM customer_phones INDEXED BY customer_phones_digits_idx
            WHERE ${digits} <> '' AND digits LIKE ${`%${digits}%`})`,
        )
      : undefined,
    query.email !== undefined
      ? inArray(
          customers.id,
          db
            .select({ id: customerEmails.customerId })
            .from(customerEmails)
            .where(eq(customerEmails.email, normalizeEmail(query.email))),
        )
      : undefined,
    query.updatedSince !== undefined ? gte(customers.updatedAt, query.updatedSince) : undefined,
    query.emailContains !== undefined ? inArray(customers.id, emailContains(query.emailContains)) : undefined,
    query.emailDomain !== undefined
      ? inArray(
          customers.id,
          db
            .select({ id: customerEmails.customerId })
            .from(customerEmails)
            .where(eq(customerEmails.domain, query.emailDomain.trim().replace(/^@/, "").toLowerCase())),
        )
      : undefined,
    ...(query.customerFields ?? []).map((field) => inArray(customers.id, fieldValueIs(field))),
  );
  const direction = query.sortOrder === "asc" ? asc : desc;
  const sortField = query.sortField ?? "createdAt";
  // A sync (updatedSince) matches few rows: read them through the updated_at index and sort
  // them, rather than walking the whole sort index (`+column` keeps SQLite from doing that).
  const sortColumn =
    query.updatedSince !== undefined && sortField !== "updatedAt"
      ? sql`+${SORT_FIELDS[sortField]}`
      : SORT_FIELDS[sortField];
  return { where, order: [direction(sortColumn), direction(customers.id)] };
}

/** A page of customers with their emails, phones and customer fields, and the count, in one round trip. */
export async function listCustomers({ db, config }: Pick<Services, "db" | "config">, query: CustomerListQuery) {
  const page = paging(query, config.maxPageSize);
  const { where, order } = listCriteria(db, query);
  const pageIds = db
    .select({ id: customers.id })
    .from(customers)
    .where(where)
    .orderBy(...order)
    .limit(page.size)
    .offset(page.offset);
  return listPage(db, page, {
    rows: db
      .select()
      .from(customers)
      .where(where)
      .orderBy(...order),
    total: db.select({ n: count() }).from(customers).where(where),
    ...contactStatements(db, pageIds.$dynamic()),
    ...fieldStatements(db, pageIds.$dynamic()),
  });
}

/**
 * "Customer object must contain a valid customer id or an email address... If the id is
 * not defined, email is used to look up a customer. If a customer does not exist, a new one
 * will be created. If a customer is matched either via id or email field, the rest of the
 * optional fields is ignored." (Create Conversation / Create Thread) As FreeScout's module
 * does, a reference without a matching id or email is then looked up by phone.
 *
 * A new customer keeps every customer field of the reference, as the module hands the
 * reference to Create Customer (`columnsOf`, `phonesOf`); an existing one is never changed.
 *
 * Resolution reads first, then hands back statements for the caller's write batch. A new
 * customer with an email is inserted only if the email is still free when the batch runs,
 * and is referred to through its email, so parallel requests with the same new email end
 * up with one customer.
 */
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { reservedRange, reserveIds, type Statement } from "../../db/ids";
import { customerEmails, customerPhones, customers } from "../../db/schema";
import { inIds, insertChunks, inTexts, lastInsertedId, returnedRows } from "../../db/sql";
import { ApiError, invalidField } from "../../lib/errors";
import { type Columns, columnsOf, phonesOf } from "./columns";
import type { CustomerFieldsInput } from "./input";

/** A customer by id, else email, else phone; the other fields only shape a new customer. */
export interface CustomerRef extends CustomerFieldsInput {
  id?: number;
  email?: string;
}

export interface ResolvedCustomer {
  /** The customer's id as an SQL expression valid inside the write batch. */
  idSql: SQL;
  /** Known when the customer already existed. */
  existingId: number | null;
  email: string | null;
  /** Statements that create the customer (empty when it exists); the first is the insert. */
  statements: Statement[];
  /** The reserved id of a new customer without email (one with email is known by it). */
  freshId: number | null;
}

/** A customer a write batch created: by email, or by the id reserved for it. */
export type NewCustomer = { email: string } | { id: number };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Plans the resolution of several references: `statements` go into the caller's read batch
 * (one round trip with its other reads), `resolve` takes their results. `path` names the
 * field in errors, e.g. `customer` or `threads[2].customer`.
 */
export function planCustomerResolution(db: Database, refs: { ref: CustomerRef; path: string }[], now: number) {
  const ids = refs.flatMap(({ ref }) => (ref.id !== undefined ? [ref.id] : []));
  const emails = refs.flatMap(({ ref }) => (ref.id === undefined && ref.email ? [normalizeEmail(ref.email)] : []));
  const phones = refs.flatMap(({ ref }) => (ref.id === undefined && ref.phone ? [ref.phone] : []));
  const anonymous = refs.filter(({ ref }) => ref.id === undefined && !ref.email).length;
  const statements: [Statement, ...Statement[]] = [
    db
      .select({ id: customers.id, email: firstEmailOf("customers", "id") })
      .from(customers)
      .where(inIds(customers.id, ids)),
    db
      .select({ id: customerEmails.customerId, email: customerEmails.email })
      .from(customerEmails)
      .where(inTexts(customerEmails.email, emails)),
    db
      .select({
        id: customerPhones.customerId,
        value: customerPhones.value,
        email: firstEmailOf("customer_phones", "customer_id"),
      })
      .from(customerPhones)
      .where(inTexts(customerPhones.value, phones))
      .orderBy(customerPhones.customerId),
    ...(anonymous ? reserveIds(db, "customers", anonymous) : []),
  ];

  /** Takes the results of `statements`, in their order: each reference resolved, or why it cannot be. */
  function resolveEach(results: readonly unknown[]): (ResolvedCustomer | ApiError)[] {
    const byId = results[0] as { id: number; email: string | null }[];
    const byEmail = results[1] as { id: number; email: string }[];
    const byPhone = results[2] as { id: number; value: string; email: string | null }[];
    const known = new Map(byId.map((row) => [row.id, row.email]));
    const emailOwners = new Map(byEmail.map((row) => [row.email, row.id]));
    const phoneOwners = new Map<string, { id: number; email: string | null }>();
    for (const row of byPhone) if (!phoneOwners.has(row.value)) phoneOwners.set(row.value, row);
    const freshIds = anonymous ? reservedRange(results[4], anonymous) : [];
    return refs.map(({ ref, path }) => {
      try {
        return resolveOne(db, ref, path, now, { known, emailOwners, phoneOwners }, freshIds);
      } catch (error) {
        if (error instanceof ApiError) return error;
        throw error;
      }
    });
  }
  /** As `resolveEach`, throwing the first reason a reference cannot be resolved. */
  function resolve(results: readonly unknown[]): ResolvedCustomer[] {
    return resolveEach(results).map((item) => {
      if (item instanceof ApiError) throw item;
      return item;
    });
  }
  return { statements, resolve, resolveEach };
}

function resolveOne(
  db: Database,
  ref: CustomerRef,
  path: string,
  now: number,
  found: {
    known: Map<number, string | null>;
    emailOwners: Map<string, number>;
    phoneOwners: Map<string, { id: number; email: string | null }>;
  },
  freshIds: number[],
): ResolvedCustomer {
  const { known, emailOwners, phoneOwners } = found;
  if (ref.id !== undefined) {
    if (!known.has(ref.id)) throw invalidField(path, `Customer with the following ID not found: ${ref.id}`, ref.id);
    return {
      idSql: sql`${ref.id}`,
      existingId: ref.id,
      email: known.get(ref.id) ?? null,
      statements: [],
      freshId: null,
    };
  }
  const email = ref.email ? normalizeEmail(ref.email) : null;
  const owner = email === null ? undefined : emailOwners.get(email);
  if (owner !== undefined) return { idSql: sql`${owner}`, existingId: owner, email, statements: [], freshId: null };
  const byPhone = ref.phone ? phoneOwners.get(ref.phone) : undefined;
  if (byPhone) {
    return { idSql: sql`${byPhone.id}`, existingId: byPhone.id, email: byPhone.email, statements: [], freshId: null };
  }
  const row = { ...columnsOf(ref), createdAt: now, updatedAt: now };
  const phones = phonesOf(ref) ?? [];
  if (email !== null) {
    const statements = createWithEmail(db, email, row, phones);
    return { idSql: customerIdByEmail(email), existingId: null, email, statements, freshId: null };
  }
  if (!ref.firstName && !ref.phone) {
    throw invalidField(`${path}.firstName`, "Customer first name or email is required.");
  }
  const id = freshIds.shift()!;
  const statements: [Statement, ...Statement[]] = [db.insert(customers).values({ id, ...row })];
  for (const chunk of insertChunks(phones.map((phone) => ({ customerId: id, ...phone })))) {
    statements.push(db.insert(customerPhones).values(chunk));
  }
  return { idSql: sql`${id}`, existingId: null, email: null, statements, freshId: id };
}

/**
 * The first email of the customer in `table`.`column`, qualified: unqualified, "id" would
 * name customer_emails' own id inside the subquery.
 */
const firstEmailOf = (table: string, column: string) =>
  sql<
    string | null
  >`(SELECT ce.email FROM customer_emails ce WHERE ce.customer_id = ${sql.identifier(table)}.${sql.identifier(column)} ORDER BY ce.id LIMIT 1)`;

export const customerIdByEmail = (email: string): SQL =>
  sql`(SELECT ${customerEmails.customerId} FROM ${customerEmails} WHERE ${customerEmails.email} = ${email})`;

function createWithEmail(
  db: Database,
  email: string,
  row: Columns & { createdAt: number },
  phones: { value: string; type: string }[],
): Statement[] {
  const emailFree = sql`NOT EXISTS (SELECT 1 FROM customer_emails WHERE email = ${email})`;
  // Each statement re-checks that the email is free, so all or none of them insert.
  const statements: [Statement, ...Statement[]] = [db.run(insertCustomerWhere(row, emailFree))];
  if (phones.length > 0) {
    statements.push(
      db.run(sql`INSERT INTO customer_phones (customer_id, value, type)
        SELECT ${lastInsertedId("customers")}, json_extract(p.value, '$.value'), json_extract(p.value, '$.type')
        FROM json_each(${JSON.stringify(phones)}) p WHERE ${emailFree}`),
    );
  }
  statements.push(
    db.run(sql`INSERT INTO customer_emails (customer_id, email, type)
      SELECT ${lastInsertedId("customers")}, ${email}, 'work' WHERE ${emailFree}`),
  );
  return statements;
}

/** `INSERT INTO customers (...) SELECT ... WHERE <condition>`: the row's columns, encoded as Drizzle encodes them. */
function insertCustomerWhere(row: Columns & { createdAt: number }, condition: SQL): SQL {
  const table = getTableColumns(customers);
  const values = { socialProfiles: [], websites: [], ...row };
  const given = (Object.keys(values) as (keyof typeof values)[]).filter((key) => values[key] !== undefined);
  const names = given.map((key) => sql.identifier(table[key].name));
  const params = given.map((key) => sql.param(values[key], table[key]));
  // RETURNING tells whether the row was inserted: D1's meta.changes also counts what triggers wrote (FTS5 indexes).
  return sql`INSERT INTO customers (${sql.join(names, sql`, `)}) SELECT ${sql.join(params, sql`, `)} WHERE ${condition}
    RETURNING id`;
}

/**
 * The customers a write batch really created. `inserts` gives, for each resolution with
 * statements, the index of its first statement in the batch.
 */
export function createdCustomers(
  inserts: { index: number; customer: ResolvedCustomer }[],
  results: readonly unknown[],
): NewCustomer[] {
  return inserts.flatMap(({ index, customer }): NewCustomer[] => {
    // A customer without email is inserted unconditionally: the batch succeeded, so it exists.
    if (customer.freshId !== null) return [{ id: customer.freshId }];
    if (!insertedRows(results[index])) return [];
    return customer.email ? [{ email: customer.email }] : [];
  });
}

/** Whether the batch result of a resolution's first statement (an INSERT ... RETURNING) inserted the customer. */
export const insertedRows = (result: unknown) => returnedRows(result) > 0;

/**
 * "Customer object must contain a valid customer id or an email address... If the id is
 * not defined, email is used to look up a customer. If a customer does not exist, a new one
 * will be created. If a customer is matched either via id or email field, the rest of the
 * optional fields is ignored." (Create Conversation / Create Thread)
 *
 * Resolution reads first, then hands back statements for the caller's write batch. A new
 * customer with an email is inserted only if the email is still free when the batch runs,
 * and is referred to through its email, so parallel requests with the same new email end
 * up with one customer.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { reservedRange, reserveIds, type Statement } from "../../db/ids";
import { customerEmails, customerPhones, customers } from "../../db/schema";
import { inIds, inTexts, lastInsertedId } from "../../db/sql";
import { invalidField } from "../../lib/errors";

export interface CustomerRef {
  id?: number;
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
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
  const anonymous = refs.filter(({ ref }) => ref.id === undefined && !ref.email).length;
  const statements: [Statement, ...Statement[]] = [
    db
      .select({ id: customers.id, email: firstEmailOf(customers.id) })
      .from(customers)
      .where(inIds(customers.id, ids)),
    db
      .select({ id: customerEmails.customerId, email: customerEmails.email })
      .from(customerEmails)
      .where(inTexts(customerEmails.email, emails)),
    ...(anonymous ? reserveIds(db, "customers", anonymous) : []),
  ];

  /** Takes the results of `statements`, in their order. */
  function resolve(results: readonly unknown[]): ResolvedCustomer[] {
    const byId = results[0] as { id: number; email: string | null }[];
    const byEmail = results[1] as { id: number; email: string }[];
    const known = new Map(byId.map((row) => [row.id, row.email]));
    const emailOwners = new Map(byEmail.map((row) => [row.email, row.id]));
    const freshIds = anonymous ? reservedRange(results[3], anonymous) : [];
    return refs.map(({ ref, path }) => resolveOne(db, ref, path, now, known, emailOwners, freshIds));
  }
  return { statements, resolve };
}

function resolveOne(
  db: Database,
  ref: CustomerRef,
  path: string,
  now: number,
  known: Map<number, string | null>,
  emailOwners: Map<string, number>,
  freshIds: number[],
): ResolvedCustomer {
  if (ref.id !== undefined) {
    if (!known.has(ref.id)) throw invalidField(`${path}.id`, "Customer not found", ref.id);
    return {
      idSql: sql`${ref.id}`,
      existingId: ref.id,
      email: known.get(ref.id) ?? null,
      statements: [],
      freshId: null,
    };
  }
  const base = {
    firstName: ref.firstName ?? null,
    lastName: ref.lastName ?? null,
    createdAt: now,
    updatedAt: now,
  };
  if (ref.email) {
    const email = normalizeEmail(ref.email);
    const owner = emailOwners.get(email);
    if (owner !== undefined) return { idSql: sql`${owner}`, existingId: owner, email, statements: [], freshId: null };
    const statements = createWithEmail(db, email, base, ref.phone);
    return { idSql: customerIdByEmail(email), existingId: null, email, statements, freshId: null };
  }
  if (!ref.firstName && !ref.phone) {
    throw invalidField(path, "A customer needs an id, an email, or for phone conversations a firstName or phone");
  }
  const id = freshIds.shift()!;
  const statements: [Statement, ...Statement[]] = [db.insert(customers).values({ id, ...base })];
  if (ref.phone) statements.push(db.insert(customerPhones).values({ customerId: id, value: ref.phone }));
  return { idSql: sql`${id}`, existingId: null, email: null, statements, freshId: id };
}

const firstEmailOf = (customerId: typeof customers.id) =>
  sql<string | null>`(SELECT email FROM customer_emails WHERE customer_id = ${customerId} ORDER BY id LIMIT 1)`;

export const customerIdByEmail = (email: string): SQL =>
  sql`(SELECT ${customerEmails.customerId} FROM ${customerEmails} WHERE ${customerEmails.email} = ${email})`;

function createWithEmail(
  db: Database,
  email: string,
  base: { firstName: string | null; lastName: string | null; createdAt: number; updatedAt: number },
  phone: string | undefined,
): Statement[] {
  const emailFree = sql`NOT EXISTS (SELECT 1 FROM customer_emails WHERE email = ${email})`;
  // Each statement re-checks that the email is free, so all or none of them insert.
  const statements: [Statement, ...Statement[]] = [
    db.run(sql`INSERT INTO customers (first_name, last_name, social_profiles, websites, created_at, updated_at)
      SELECT ${base.firstName}, ${base.lastName}, '[]', '[]', ${base.createdAt}, ${base.updatedAt} WHERE ${emailFree}`),
  ];
  if (phone) {
    statements.push(
      db.run(sql`INSERT INTO customer_phones (customer_id, value, type)
        SELECT ${lastInsertedId("customers")}, ${phone}, 'work' WHERE ${emailFree}`),
    );
  }
  statements.push(
    db.run(sql`INSERT INTO customer_emails (customer_id, email, type)
      SELECT ${lastInsertedId("customers")}, ${email}, 'work' WHERE ${emailFree}`),
  );
  return statements;
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
    if (!insertedRows(results[index])) return [];
    if (customer.freshId !== null) return [{ id: customer.freshId }];
    return customer.email ? [{ email: customer.email }] : [];
  });
}

/** Whether the batch result of a resolution's first statement inserted the customer. */
export const insertedRows = (result: unknown) =>
  ((result as { meta?: { changes?: number } } | undefined)?.meta?.changes ?? 0) > 0;

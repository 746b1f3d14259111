/**
 * Customer writes. Emails are unique across customers (lower-cased, unique index); one
 * customer's emails are never moved to another. Create is FreeScout's create-or-get: when
 * every email of the request already belongs to one customer, that customer is the answer.
 */
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { reservedRange, reserveIds, type Statement } from "../db/ids";
import { customerEmails, customerFields, customerFieldValues, customerPhones, customers } from "../db/schema";
import { insertChunks, inTexts, isUniqueViolation } from "../db/sql";
import type { CustomerFieldsInput } from "../http/routes/customers/schemas";
import { ApiError, type ErrorEntry, notFound } from "../lib/errors";
import type { ContactEntry } from "../lib/vocabulary";
import { normalizeEmail } from "./customers/resolution";
import { validateFieldValues } from "./fieldValues";

export type CreateCustomerInput = CustomerFieldsInput & { emails?: { value: string; type?: string }[] };
export type UpdateCustomerInput = CustomerFieldsInput & { emails?: string[]; emails_add?: string[] };

const MAX_ATTEMPTS = 3;

type CustomerRow = typeof customers.$inferSelect;
type Columns = Partial<Omit<CustomerRow, "id" | "createdAt">>;

/** The customer columns an input sets (address parts, lists as JSON). */
function columnsOf(input: CustomerFieldsInput): Columns {
  const columns: Columns = {};
  const set = <K extends keyof Columns>(key: K, value: Columns[K] | undefined) => {
    if (value !== undefined) columns[key] = value;
  };
  set("firstName", input.firstName);
  set("lastName", input.lastName);
  set("company", input.company);
  set("jobTitle", input.jobTitle);
  set("photoType", input.photoType);
  set("photoUrl", input.photoUrl);
  set("notes", input.notes);
  if (input.address) {
    set("addressCity", input.address.city);
    set("addressState", input.address.state);
    set("addressZip", input.address.zip);
    set("addressCountry", input.address.country);
    set("addressLine", input.address.address);
  }
  set("socialProfiles", input.socialProfiles?.map(entry));
  set(
    "websites",
    input.websites?.map((w) => ({ value: w.value })),
  );
  return columns;
}

const entry = (e: { value: string; type?: string }): ContactEntry =>
  e.type ? { value: e.value, type: e.type } : { value: e.value };

/** Phones of the input: `phones`, plus `phone` when it is not among them. */
function phonesOf(input: CustomerFieldsInput): { value: string; type: string }[] | undefined {
  const list = input.phones?.map((p) => ({ value: p.value, type: p.type ?? "work" }));
  if (!input.phone) return list;
  const all = list ?? [];
  return all.some((p) => p.value === input.phone) ? all : [...all, { value: input.phone, type: "work" }];
}

/** A phone appended to a customer's phones unless they have it already. */
const addPhoneIfNew = (db: Database, customerId: number, phone: string) =>
  db.run(sql`INSERT INTO customer_phones (customer_id, value, type)
    SELECT ${customerId}, ${phone}, 'work'
    WHERE NOT EXISTS (SELECT 1 FROM customer_phones WHERE customer_id = ${customerId} AND value = ${phone})`);

const uniqueEmails = (values: string[]) => [...new Set(values.map(normalizeEmail))];

function emailConflict(owned: { email: string; customerId?: number }[], path: (email: string) => string): ApiError {
  const errors: ErrorEntry[] = owned.map((row) => ({
    path: path(row.email),
    message: row.customerId
      ? `The email belongs to customer ${row.customerId}`
      : "The email belongs to another customer",
    rejectedValue: row.email,
    source: "JSON",
  }));
  errors.sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }));
  return new ApiError(409, errors);
}

/** The empty fields of an existing customer that the request can fill. */
function fillEmpty(row: CustomerRow, columns: Columns): Columns {
  const filled: Columns = {};
  for (const [key, value] of Object.entries(columns) as [keyof Columns, unknown][]) {
    const current = row[key];
    const empty = current === null || current === "" || (Array.isArray(current) && current.length === 0);
    if (empty && value !== null) (filled as Record<string, unknown>)[key] = value;
  }
  return filled;
}

export async function createCustomer(
  db: Database,
  input: CreateCustomerInput,
  now: number,
): Promise<{ id: number; created: boolean }> {
  const emailInput = input.emails ?? [];
  const emails = uniqueEmails(emailInput.map((e) => e.value));
  // An email given twice keeps its first entry's type.
  const typeOf = new Map(emailInput.toReversed().map((e) => [normalizeEmail(e.value), e.type ?? "work"]));
  const path = (email: string) => `emails[${emailInput.findIndex((e) => normalizeEmail(e.value) === email)}].value`;
  const columns = columnsOf(input);
  const phones = phonesOf(input) ?? [];

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [owned, existing, , sequence] = await db.batch([
      db
        .select({ email: customerEmails.email, customerId: customerEmails.customerId })
        .from(customerEmails)
        .where(inTexts(customerEmails.email, emails)),
      db
        .select()
        .from(customers)
        .where(
          inArray(
            customers.id,
            db
              .select({ id: customerEmails.customerId })
              .from(customerEmails)
              .where(inTexts(customerEmails.email, emails)),
          ),
        ),
      ...reserveIds(db, "customers", 1),
    ]);
    if (owned.length > 0) {
      const owner = existing[0];
      if (owned.length < emails.length || existing.length !== 1 || !owner) throw emailConflict(owned, path);
      const filled = fillEmpty(owner, columns);
      const statements: Statement[] = [];
      if (Object.keys(filled).length)
        statements.push(
          db
            .update(customers)
            .set({ ...filled, updatedAt: now })
            .where(eq(customers.id, owner.id)),
        );
      if (phones.length) {
        statements.push(
          db.run(sql`INSERT INTO customer_phones (customer_id, value, type)
            SELECT ${owner.id}, value ->> 'value', value ->> 'type' FROM json_each(${JSON.stringify(phones)})
            WHERE NOT EXISTS (SELECT 1 FROM customer_phones WHERE customer_id = ${owner.id})`),
        );
      }
      if (statements.length) await db.batch(statements as [Statement, ...Statement[]]);
      return { id: owner.id, created: false };
    }
    const id = reservedRange(sequence, 1)[0]!;
    const statements: Statement[] = [db.insert(customers).values({ id, ...columns, createdAt: now, updatedAt: now })];
    const emailRows = emails.map((email) => ({ customerId: id, email, type: typeOf.get(email) ?? "work" }));
    for (const chunk of insertChunks(emailRows)) statements.push(db.insert(customerEmails).values(chunk));
    for (const chunk of insertChunks(phones.map((p) => ({ customerId: id, ...p }))))
      statements.push(db.insert(customerPhones).values(chunk));
    try {
      await db.batch(statements as [Statement, ...Statement[]]);
      return { id, created: true };
    } catch (error) {
      // Another request took one of the emails in the meantime: look again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new ApiError(409, [
    { path: "emails", message: "The emails are being used by a concurrent request; try again", source: "JSON" },
  ]);
}

export async function updateCustomer(db: Database, id: number, input: UpdateCustomerInput, now: number) {
  const replace = input.emails !== undefined;
  const listed = uniqueEmails(replace ? input.emails! : (input.emails_add ?? []));
  const field = replace ? "emails" : "emails_add";
  const raw = replace ? input.emails! : (input.emails_add ?? []);
  const path = (email: string) => `${field}[${raw.findIndex((e) => normalizeEmail(e) === email)}]`;

  const [found, owned] = await db.batch([
    db.select({ id: customers.id }).from(customers).where(eq(customers.id, id)),
    db
      .select({ email: customerEmails.email, customerId: customerEmails.customerId })
      .from(customerEmails)
      .where(inTexts(customerEmails.email, listed)),
  ]);
  if (!found[0]) throw notFound("customerId", id);
  const others = owned.filter((row) => row.customerId !== id);
  if (others.length) throw emailConflict(others, path);

  const statements: Statement[] = [
    db
      .update(customers)
      .set({ ...columnsOf(input), updatedAt: now })
      .where(eq(customers.id, id)),
  ];
  if (replace) {
    statements.push(
      db.delete(customerEmails).where(and(eq(customerEmails.customerId, id), notInArray(customerEmails.email, listed))),
    );
  }
  const mine = new Set(owned.map((row) => row.email));
  const fresh = listed.filter((email) => !mine.has(email));
  for (const chunk of insertChunks(fresh.map((email) => ({ customerId: id, email, type: "work" })))) {
    statements.push(db.insert(customerEmails).values(chunk));
  }
  if (input.phones !== undefined) {
    statements.push(db.delete(customerPhones).where(eq(customerPhones.customerId, id)));
    for (const chunk of insertChunks(phonesOf(input)!.map((p) => ({ customerId: id, ...p }))))
      statements.push(db.insert(customerPhones).values(chunk));
  } else if (input.phone) {
    statements.push(addPhoneIfNew(db, id, input.phone));
  }
  if (replace || fresh.length) {
    // Conversations keep their customer's main email for look-ups and lists.
    statements.push(
      db.run(sql`UPDATE conversations SET customer_email =
        (SELECT email FROM customer_emails WHERE customer_id = ${id} ORDER BY id LIMIT 1) WHERE customer_id = ${id}`),
    );
  }
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
  } catch (error) {
    if (isUniqueViolation(error))
      throw emailConflict(
        fresh.map((email) => ({ email })),
        path,
      );
    throw error;
  }
}

/** Update Customer Fields: values for the customer field definitions; an empty value clears. */
export async function updateCustomerFields(
  db: Database,
  id: number,
  input: { id: number; value: unknown }[],
  now: number,
) {
  const [found, definitions] = await db.batch([
    db.select({ id: customers.id }).from(customers).where(eq(customers.id, id)),
    db.select().from(customerFields),
  ]);
  if (!found[0]) throw notFound("customerId", id);
  const values = validateFieldValues(definitions, input, "customerFields");
  const statements: Statement[] = values.map(({ fieldId, value }) =>
    value === ""
      ? db
          .delete(customerFieldValues)
          .where(and(eq(customerFieldValues.customerId, id), eq(customerFieldValues.fieldId, fieldId)))
      : db
          .insert(customerFieldValues)
          .values({ customerId: id, fieldId, value })
          .onConflictDoUpdate({
            target: [customerFieldValues.customerId, customerFieldValues.fieldId],
            set: { value },
          }),
  );
  statements.push(db.update(customers).set({ updatedAt: now }).where(eq(customers.id, id)));
  await db.batch(statements as [Statement, ...Statement[]]);
}

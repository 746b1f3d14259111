/**
 * Create Customer is FreeScout's create-or-get: when every email of the request already
 * belongs to one customer, that customer is the answer, its empty fields filled.
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { reservedRange, reserveIds, type Statement } from "../../db/ids";
import { customerEmails, customerPhones, customers } from "../../db/schema";
import { insertChunks, inTexts, isUniqueViolation } from "../../db/sql";
import { ApiError, notFound } from "../../lib/errors";
import { type CustomerRecord, presentCustomer } from "../../present/customer";
import type { Services } from "../../services";
import { namedBatch } from "../batch";
import type { DomainEvent } from "../webhooks/publish";
import { type Columns, type CustomerRow, columnsOf, phonesOf } from "./columns";
import { emailConflict, uniqueEmails } from "./emails";
import type { CreateCustomerInput } from "./input";
import { readCustomer } from "./load";
import { normalizeEmail } from "./resolution";

const MAX_ATTEMPTS = 3;

export interface CreatedCustomer {
  id: number;
  /** False when the emails' owner was the answer. */
  created: boolean;
  customer: CustomerRecord;
  events: DomainEvent[];
}

export async function createCustomer(
  services: Pick<Services, "db" | "clock">,
  input: CreateCustomerInput,
): Promise<CreatedCustomer> {
  const { id, created } = await createOrGet(services, input);
  const customer = await readCustomer(services, id);
  // Customers are never deleted; this guards the type, not a case that happens.
  if (!customer) throw notFound("customerId", id);
  const events: DomainEvent[] = created ? [{ event: "customer.created", payload: presentCustomer(customer) }] : [];
  return { id, created, customer, events };
}

async function createOrGet({ db, clock }: Pick<Services, "db" | "clock">, input: CreateCustomerInput) {
  const now = clock.seconds();
  const emailInput = input.emails ?? [];
  const emails = uniqueEmails(emailInput.map((e) => e.value));
  // An email given twice keeps its first entry's type.
  const typeOf = new Map(emailInput.toReversed().map((e) => [normalizeEmail(e.value), e.type ?? "work"]));
  const path = (email: string) => `emails[${emailInput.findIndex((e) => normalizeEmail(e.value) === email)}].value`;
  const columns = columnsOf(input);
  const phones = phonesOf(input) ?? [];

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [prepareSequence, sequence] = reserveIds(db, "customers", 1);
    const reads = await namedBatch(db, {
      owned: db
        .select({ email: customerEmails.email, customerId: customerEmails.customerId })
        .from(customerEmails)
        .where(inTexts(customerEmails.email, emails)),
      owners: db
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
      prepareSequence,
      sequence,
    });
    if (reads.owned.length > 0) {
      const owner = reads.owners[0];
      if (reads.owned.length < emails.length || reads.owners.length !== 1 || !owner) {
        throw emailConflict(reads.owned, path);
      }
      await fillOwner(db, owner, columns, phones, now);
      return { id: owner.id, created: false };
    }
    const id = reservedRange(reads.sequence, 1)[0]!;
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

/** Fills the existing customer's empty fields, and its phones when it has none. */
async function fillOwner(
  db: Database,
  owner: CustomerRow,
  columns: Columns,
  phones: { value: string; type: string }[],
  now: number,
) {
  const filled = fillEmpty(owner, columns);
  const statements: Statement[] = [];
  if (Object.keys(filled).length) {
    statements.push(
      db
        .update(customers)
        .set({ ...filled, updatedAt: now })
        .where(eq(customers.id, owner.id)),
    );
  }
  if (phones.length) {
    statements.push(
      db.run(sql`INSERT INTO customer_phones (customer_id, value, type)
        SELECT ${owner.id}, value ->> 'value', value ->> 'type' FROM json_each(${JSON.stringify(phones)})
        WHERE NOT EXISTS (SELECT 1 FROM customer_phones WHERE customer_id = ${owner.id})`),
    );
  }
  if (statements.length) await db.batch(statements as [Statement, ...Statement[]]);
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

/**
 * Create Customer is the document's create-or-get: when every email of the request already
 * belongs to one customer, that customer is the answer, unchanged ("This method does not update
 * existing customers"). As FreeScout's module, emails already taken are left out of a new customer.
 */
import { reservedRange, reserveIds, type Statement } from "../../db/ids";
import { customerEmails, customerPhones, customers } from "../../db/schema";
import { insertChunks, inTexts, isUniqueViolation } from "../../db/sql";
import { ApiError, notFound } from "../../lib/errors";
import { type CustomerRecord, presentCustomer } from "../../present/customer";
import type { Services } from "../../services";
import { namedBatch } from "../batch";
import type { DomainEvent } from "../webhooks/publish";
import { columnsOf, phonesOf } from "./columns";
import { uniqueEmails } from "./emails";
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
  // FreeScout's module adds a single `email` to the list as a work email.
  const emailInput = [...(input.emails ?? []), ...(input.email ? [{ value: input.email, type: "work" }] : [])];
  const emails = uniqueEmails(emailInput.map((e) => e.value));
  // An email given twice keeps its first entry's type.
  const typeOf = new Map(emailInput.toReversed().map((e) => [normalizeEmail(e.value), e.type ?? "work"]));
  const columns = columnsOf(input);
  const phones = phonesOf(input) ?? [];

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [prepareSequence, sequence] = reserveIds(db, "customers", 1);
    const reads = await namedBatch(db, {
      owned: db
        .select({ email: customerEmails.email, customerId: customerEmails.customerId })
        .from(customerEmails)
        .where(inTexts(customerEmails.email, emails)),
      prepareSequence,
      sequence,
    });
    const taken = new Set(reads.owned.map((row) => row.email));
    if (emails.length > 0 && taken.size === emails.length) {
      // Every email is taken: the document's create-or-get answers their one owner, unchanged.
      const owners = [...new Set(reads.owned.map((row) => row.customerId))];
      if (owners.length === 1) return { id: owners[0]!, created: false };
      throw new ApiError(409, [
        {
          path: "emails",
          message: "Customers with such email(s) already exist",
          rejectedValue: emails,
          source: "JSON",
        },
      ]);
    }
    // Some taken (FreeScout): the customer is created with the free ones only.
    const free = emails.filter((email) => !taken.has(email));
    const id = reservedRange(reads.sequence, 1)[0]!;
    const statements: Statement[] = [db.insert(customers).values({ id, ...columns, createdAt: now, updatedAt: now })];
    const emailRows = free.map((email) => ({ customerId: id, email, type: typeOf.get(email) ?? "work" }));
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

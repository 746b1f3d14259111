/** Update Customer: a partial update; `emails` replaces the list, `emails_add` appends. */
import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import type { Statement } from "../../db/ids";
import { customerEmails, customerPhones, customers } from "../../db/schema";
import { insertChunks, inTexts, isUniqueViolation } from "../../db/sql";
import { notFound } from "../../lib/errors";
import type { Services } from "../../services";
import { namedBatch } from "../batch";
import type { DomainEvent } from "../webhooks/publish";
import { columnsOf, phonesOf } from "./columns";
import { emailConflict, uniqueEmails } from "./emails";
import { customerUpdatedEvents } from "./events";
import type { UpdateCustomerInput } from "./input";
import { normalizeEmail } from "./resolution";

export async function updateCustomer(
  services: Pick<Services, "db" | "clock">,
  input: UpdateCustomerInput,
): Promise<{ customerId: number; events: DomainEvent[] }> {
  const { db, clock } = services;
  const id = input.customerId;
  const replace = input.emails !== undefined;
  const raw = (replace ? input.emails : input.emails_add) ?? [];
  const listed = uniqueEmails(raw);
  const field = replace ? "emails" : "emails_add";
  const path = (email: string) => `${field}[${raw.findIndex((e) => normalizeEmail(e) === email)}]`;

  const { found, owned } = await namedBatch(db, {
    found: db.select({ id: customers.id }).from(customers).where(eq(customers.id, id)),
    owned: db
      .select({ email: customerEmails.email, customerId: customerEmails.customerId })
      .from(customerEmails)
      .where(inTexts(customerEmails.email, listed)),
  });
  if (!found[0]) throw notFound("customerId", id);
  const others = owned.filter((row) => row.customerId !== id);
  if (others.length) throw emailConflict(others, path);

  const statements: Statement[] = [
    db
      .update(customers)
      .set({ ...columnsOf(input), updatedAt: clock.seconds() })
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
  statements.push(...phoneStatements(db, id, input));
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
  return { customerId: id, events: customerUpdatedEvents(services, id) };
}

/** `phones` replaces the list; `phone` alone is appended unless the customer has it. */
function phoneStatements(db: Database, id: number, input: UpdateCustomerInput): Statement[] {
  if (input.phones !== undefined) {
    const rows = phonesOf(input)!.map((p) => ({ customerId: id, ...p }));
    return [
      db.delete(customerPhones).where(eq(customerPhones.customerId, id)),
      ...insertChunks(rows).map((chunk) => db.insert(customerPhones).values(chunk)),
    ];
  }
  if (!input.phone) return [];
  return [
    db.run(sql`INSERT INTO customer_phones (customer_id, value, type)
      SELECT ${id}, ${input.phone}, 'work'
      WHERE NOT EXISTS (SELECT 1 FROM customer_phones WHERE customer_id = ${id} AND value = ${input.phone})`),
  ];
}

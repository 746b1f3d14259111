/**
 * Update Customer: a partial update; `emails` replaces the list with FreeScout's rule (core
 * `Customer::syncEmails`), `emails_add` appends the free ones. Conversations keep the address
 * they were with, as in FreeScout.
 */
import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import type { Statement } from "../../db/ids";
import { customerEmails, customerPhones, customers } from "../../db/schema";
import { insertChunks, lastInsertedId } from "../../db/sql";
import { notFound } from "../../lib/errors";
import type { Services } from "../../services";
import { namedBatch } from "../batch";
import type { DomainEvent } from "../webhooks/publish";
import { columnsOf, phonesOf } from "./columns";
import { uniqueEmails } from "./emails";
import { customerUpdatedEvents } from "./events";
import type { UpdateCustomerInput } from "./input";

export async function updateCustomer(
  services: Pick<Services, "db" | "clock">,
  input: UpdateCustomerInput,
): Promise<{ customerId: number; events: DomainEvent[] }> {
  const { db, clock } = services;
  const id = input.customerId;
  const now = clock.seconds();
  // FreeScout's module: an empty `emails` changes nothing (and then `emails_add` applies).
  const replace = (input.emails?.length ?? 0) > 0;
  const listed = uniqueEmails((replace ? input.emails : input.emails_add) ?? []);

  const { found, current } = await namedBatch(db, {
    found: db.select({ id: customers.id }).from(customers).where(eq(customers.id, id)),
    // The customer's emails, and whether a conversation is still with each address.
    current: db
      .select({
        email: customerEmails.email,
        used: sql<number>`EXISTS (SELECT 1 FROM conversations c WHERE c.customer_email = ${customerEmails.email})`.mapWith(
          Boolean,
        ),
      })
      .from(customerEmails)
      .where(eq(customerEmails.customerId, id)),
  });
  if (!found[0]) throw notFound("customerId", id);
  const removed = replace ? current.filter((row) => !listed.includes(row.email)) : [];
  const kept = removed.filter((row) => row.used).map((row) => row.email);

  const statements: Statement[] = [
    db
      .update(customers)
      .set({ ...columnsOf(input), updatedAt: now })
      .where(eq(customers.id, id)),
  ];
  if (replace) {
    // Customer::syncEmails: a removed email that conversations still use goes to a new blank customer...
    for (const email of kept) {
      statements.push(
        db.run(sql`INSERT INTO customers (social_profiles, websites, created_at, updated_at)
          SELECT '[]', '[]', ${now}, ${now}
          WHERE EXISTS (SELECT 1 FROM customer_emails WHERE email = ${email} AND customer_id = ${id})`),
        db.run(sql`UPDATE customer_emails SET customer_id = ${lastInsertedId("customers")}
          WHERE email = ${email} AND customer_id = ${id} AND changes() > 0`),
      );
    }
    // ...the others are deleted, and the listed ones are this customer's, moved from another if need be.
    statements.push(
      db.delete(customerEmails).where(and(eq(customerEmails.customerId, id), notInArray(customerEmails.email, listed))),
    );
  }
  for (const chunk of insertChunks(listed.map((email) => ({ customerId: id, email, type: "work" })))) {
    const insert = db.insert(customerEmails).values(chunk);
    statements.push(
      replace
        ? insert.onConflictDoUpdate({ target: customerEmails.email, set: { customerId: id } })
        : // emails_add: an email of another customer is skipped.
          insert.onConflictDoNothing({ target: customerEmails.email }),
    );
  }
  statements.push(...phoneStatements(db, id, input));
  await db.batch(statements as [Statement, ...Statement[]]);
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

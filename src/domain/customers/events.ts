/** The events customer changes cause, with the customer as Get Customer shows it. */
import { eq } from "drizzle-orm";
import { customerEmails } from "../../db/schema";
import { loadCustomer } from "../../present/customer";
import type { Services } from "../../services";
import type { NewCustomer } from "./resolution";
import type { DomainEvent } from "../webhooks/publish";

type Deps = Pick<Services, "db">;

/** The customer as Get Customer returns it, read only when some webhook wants it. */
export const customerPayload =
  ({ db }: Deps, id: number) =>
  () =>
    loadCustomer(db, id);

/** `customer.created` for each customer a conversation or thread write created. */
export function customerCreatedEvents({ db }: Deps, created: NewCustomer[]): DomainEvent[] {
  return created.map((customer) => ({
    event: "customer.created",
    payload: async () => {
      if ("id" in customer) return loadCustomer(db, customer.id);
      const row = await db
        .select({ id: customerEmails.customerId })
        .from(customerEmails)
        .where(eq(customerEmails.email, customer.email))
        .get();
      return row ? loadCustomer(db, row.id) : null;
    },
  }));
}

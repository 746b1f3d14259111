/** The events customer changes cause, with the customer as Get Customer shows it. */
import { eq } from "drizzle-orm";
import { customerEmails } from "../../db/schema";
import type { Services } from "../../services";
import type { DomainEvent } from "../webhooks/publish";
import { loadCustomer } from "./load";
import type { NewCustomer } from "./resolution";

type Deps = Pick<Services, "db">;

/** The customer as Get Customer returns it, read only when some webhook wants it. */
export const customerPayload = (services: Deps, id: number) => () => loadCustomer(services, id);

export const customerUpdatedEvents = (services: Deps, id: number): DomainEvent[] => [
  { event: "customer.updated", payload: customerPayload(services, id) },
];

/** `customer.created` for each customer a conversation or thread write created. */
export function customerCreatedEvents(services: Deps, created: NewCustomer[]): DomainEvent[] {
  return created.map((customer) => ({
    event: "customer.created",
    payload: async () => {
      if ("id" in customer) return loadCustomer(services, customer.id);
      const row = await services.db
        .select({ id: customerEmails.customerId })
        .from(customerEmails)
        .where(eq(customerEmails.email, customer.email))
        .get();
      return row ? loadCustomer(services, row.id) : null;
    },
  }));
}

/** Update Customer Fields: values for the customer field definitions; an empty value clears. */
import { and, eq } from "drizzle-orm";
import type { Statement } from "../../db/ids";
import { customerFields, customerFieldValues, customers } from "../../db/schema";
import { notFound } from "../../lib/errors";
import type { Services } from "../../services";
import { namedBatch } from "../batch";
import { validateFieldValues } from "../fieldValues";
import type { DomainEvent } from "../webhooks/publish";
import { customerUpdatedEvents } from "./events";
import type { UpdateCustomerFieldsInput } from "./input";

export async function updateCustomerFields(
  services: Pick<Services, "db" | "clock">,
  { customerId: id, values: input }: UpdateCustomerFieldsInput,
): Promise<{ customerId: number; events: DomainEvent[] }> {
  const { db, clock } = services;
  const { found, definitions } = await namedBatch(db, {
    found: db.select({ id: customers.id }).from(customers).where(eq(customers.id, id)),
    definitions: db.select().from(customerFields),
  });
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
  statements.push(db.update(customers).set({ updatedAt: clock.seconds() }).where(eq(customers.id, id)));
  await db.batch(statements as [Statement, ...Statement[]]);
  return { customerId: id, events: customerUpdatedEvents(services, id) };
}

import { z } from "@hono/zod-openapi";

/** The short customer object nested in conversations and threads (customer, createdBy). */
export const CustomerRefSchema = z
  .object({
    id: z.number().int(),
    type: z.literal("customer"),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    photoUrl: z.string().openapi({ description: '"" when the customer has no photo (as FreeScout)' }),
    email: z.string().openapi({ description: 'The customer\'s main email; "" when it has none (as FreeScout)' }),
  })
  .openapi("CustomerRef");

export interface CustomerRefRow {
  id: number;
  firstName: string | null;
  lastName: string | null;
  photoUrl: string | null;
  /** The customer's first email (lowest id), if any. */
  email: string | null;
}

export const presentCustomerRef = (row: CustomerRefRow): z.infer<typeof CustomerRefSchema> => ({
  id: row.id,
  type: "customer",
  firstName: row.firstName,
  lastName: row.lastName,
  photoUrl: row.photoUrl ?? "",
  email: row.email ?? "",
});

/** Body schemas shared by Create Customer and Update Customer. */
import { z } from "@hono/zod-openapi";
import { photoTypes } from "../../../lib/vocabulary";

const text = (max: number) => z.string().trim().max(max);
const httpUrl = (max: number) => z.url({ protocol: /^https?$/ }).max(max);

export const EmailAddress = z.email().max(191);

const Entry = (value: z.ZodString) => z.object({ value, type: z.string().trim().max(32).optional() });

export const AddressInput = z
  .object({
    city: text(100).nullish(),
    state: text(100).nullish(),
    zip: text(30).nullish(),
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, "Expected a two-letter country code")
      .transform((code) => code.toUpperCase())
      .nullish(),
    address: text(255).nullish(),
  })
  .openapi("AddressInput");

export const customerFields = {
  // null clears a field on update.
  firstName: text(40).nullish(),
  lastName: text(40).nullish(),
  phone: text(60).optional().openapi({ description: "Added to the phones" }),
  photoUrl: httpUrl(200).nullish(),
  jobTitle: text(60).nullish(),
  photoType: z.enum(photoTypes).nullish(),
  address: AddressInput.optional(),
  notes: text(65_535).nullish(),
  company: text(60).nullish(),
  phones: z
    .array(Entry(z.string().trim().min(1).max(60)))
    .max(50)
    .optional(),
  socialProfiles: z
    .array(Entry(z.string().trim().min(1).max(255)))
    .max(50)
    .optional(),
  websites: z
    .array(Entry(z.string().trim().min(1).max(255)))
    .max(50)
    .optional(),
};

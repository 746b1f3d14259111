/** Body schemas shared by Create Customer and Update Customer. */
import { z } from "@hono/zod-openapi";
import { lenientEmail, lenientEnum } from "../../../lib/openapi";
import { emailTypes, phoneTypes, photoTypes } from "../../../lib/vocabulary";

const text = (max: number) => z.string().trim().max(max);
const httpUrl = (max: number) => z.url({ protocol: /^https?$/ }).max(max);

export const EmailAddress = lenientEmail;

const FreeType = z.string().trim().max(32);
const Entry = (value: z.ZodType<string, string>, type: z.ZodType<string, unknown> = FreeType) =>
  z.object({ value, type: type.optional() });

/** An entry as `{value, type}` or, as FreeScout's module also takes it, a plain string. */
const EntryOrString = (value: z.ZodType<string, string>, type?: z.ZodType<string, unknown>) =>
  z
    .union([value.transform((v) => ({ value: v })), Entry(value, type)])
    .openapi({ description: "{value, type} or a plain string" });

/** A customer email as `{value, type}` or a plain string (FreeScout's module takes both). */
export const EmailEntry = EntryOrString(lenientEmail, lenientEnum(emailTypes, "work", "Email type"));

/** A two-letter country code; anything else clears the country, as FreeScout's module does. */
const Country = z
  .string()
  .trim()
  .transform((code) => (/^[A-Za-z]{2}$/.test(code) ? code.toUpperCase() : null))
  .openapi({ description: "Two-letter country code; another value clears the country (as FreeScout)" });

export const AddressInput = z
  .object({
    city: text(100).nullish(),
    state: text(100).nullish(),
    zip: text(30).nullish(),
    country: Country.nullish(),
    address: text(255).nullish(),
    lines: z
      .array(text(255))
      .max(10)
      .optional()
      .openapi({ description: 'Street lines, joined with ", " into `address` (FreeScout\'s module form)' }),
  })
  .openapi("AddressInput");

export const customerFields = {
  // null clears a field on update.
  firstName: text(40).nullish(),
  lastName: text(40).nullish(),
  phone: text(60).optional().openapi({ description: "Added to the phones" }),
  photoUrl: httpUrl(200).nullish(),
  jobTitle: text(60).nullish(),
  photoType: lenientEnum(photoTypes, "unknown", "Photo type").nullish(),
  address: AddressInput.optional(),
  // FreeScout's module also reads the address parts at the top level of the body.
  city: text(100).nullish(),
  state: text(100).nullish(),
  zip: text(30).nullish(),
  country: Country.nullish(),
  notes: text(65_535).nullish(),
  company: text(60).nullish(),
  phones: z
    .array(Entry(z.string().trim().min(1).max(60), lenientEnum(phoneTypes, "work", "Phone type")))
    .max(50)
    .optional(),
  socialProfiles: z
    .array(EntryOrString(z.string().trim().min(1).max(255)))
    .max(50)
    .optional(),
  websites: z
    .array(EntryOrString(z.string().trim().min(1).max(255)))
    .max(50)
    .optional(),
};

/** What customer writes take; the HTTP bodies (zod) produce values of these types. */
import type { photoTypes } from "../../lib/vocabulary";
import type { FieldValueInput } from "../fieldValues";

export interface ContactInput {
  value: string;
  type?: string;
}

/** Address parts; null clears a part on update. */
export interface AddressInput {
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  country?: string | null;
  address?: string | null;
  /** Street lines (FreeScout's module form), joined with ", " into `address`. */
  lines?: string[];
}

/** The fields Create Customer and Update Customer share; null clears a field on update. */
export interface CustomerFieldsInput {
  firstName?: string | null;
  lastName?: string | null;
  /** Added to the phones. */
  phone?: string;
  photoUrl?: string | null;
  jobTitle?: string | null;
  photoType?: (typeof photoTypes)[number] | null;
  address?: AddressInput;
  /** Address parts at the top level, as FreeScout's module also reads them; `address` wins. */
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  country?: string | null;
  notes?: string | null;
  company?: string | null;
  phones?: ContactInput[];
  socialProfiles?: ContactInput[];
  websites?: ContactInput[];
}

export interface CreateCustomerInput extends CustomerFieldsInput {
  emails?: ContactInput[];
  /** One more email (work), as FreeScout's module takes it. */
  email?: string;
}

export interface UpdateCustomerInput extends CustomerFieldsInput {
  customerId: number;
  /** Replaces the emails (then `emails_add` has no effect); emails of other customers move here; empty: no change. */
  emails?: string[];
  /** Added; emails of other customers are skipped. */
  emails_add?: string[];
}

export interface UpdateCustomerFieldsInput {
  customerId: number;
  /** Values for the customer field definitions; an empty value clears. */
  values: FieldValueInput[];
}

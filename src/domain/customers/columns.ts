/** The customer columns and phones an input sets. */
import type { customers } from "../../db/schema";
import type { ContactEntry } from "../../lib/vocabulary";
import type { ContactInput, CustomerFieldsInput } from "./input";

export type CustomerRow = typeof customers.$inferSelect;
export type Columns = Partial<Omit<CustomerRow, "id" | "createdAt">>;

/** The customer columns an input sets (address parts, lists as JSON). */
export function columnsOf(input: CustomerFieldsInput): Columns {
  const columns: Columns = {};
  const set = <K extends keyof Columns>(key: K, value: Columns[K] | undefined) => {
    if (value !== undefined) columns[key] = value;
  };
  set("firstName", input.firstName);
  set("lastName", input.lastName);
  set("company", input.company);
  set("jobTitle", input.jobTitle);
  set("photoType", input.photoType);
  set("photoUrl", input.photoUrl);
  set("notes", input.notes);
  if (input.address) {
    set("addressCity", input.address.city);
    set("addressState", input.address.state);
    set("addressZip", input.address.zip);
    set("addressCountry", input.address.country);
    set("addressLine", input.address.address);
  }
  set("socialProfiles", input.socialProfiles?.map(entry));
  set(
    "websites",
    input.websites?.map((w) => ({ value: w.value })),
  );
  return columns;
}

const entry = (e: ContactInput): ContactEntry => (e.type ? { value: e.value, type: e.type } : { value: e.value });

/** Phones of the input: `phones`, plus `phone` when it is not among them. */
export function phonesOf(input: CustomerFieldsInput): { value: string; type: string }[] | undefined {
  const list = input.phones?.map((p) => ({ value: p.value, type: p.type ?? "work" }));
  if (!input.phone) return list;
  const all = list ?? [];
  return all.some((p) => p.value === input.phone) ? all : [...all, { value: input.phone, type: "work" }];
}

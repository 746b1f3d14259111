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
  // The address object wins over the same parts at the top level (FreeScout's module reads both).
  const address = input.address ?? {};
  const line = address.lines?.length ? address.lines.filter(Boolean).join(", ") : address.address;
  set("addressCity", address.city !== undefined ? address.city : input.city);
  set("addressState", address.state !== undefined ? address.state : input.state);
  set("addressZip", address.zip !== undefined ? address.zip : input.zip);
  set("addressCountry", address.country !== undefined ? address.country : input.country);
  set("addressLine", line);
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

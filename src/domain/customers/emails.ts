/** Emails are unique across customers (lower-cased, unique index); one customer's are never moved. */
import { ApiError, type ErrorEntry } from "../../lib/errors";
import { normalizeEmail } from "./resolution";

export const uniqueEmails = (values: string[]) => [...new Set(values.map(normalizeEmail))];

/** 409 naming each email of the request that belongs to another customer; `path` names its field. */
export function emailConflict(
  owned: { email: string; customerId?: number }[],
  path: (email: string) => string,
): ApiError {
  const errors: ErrorEntry[] = owned.map((row) => ({
    path: path(row.email),
    message: row.customerId
      ? `The email belongs to customer ${row.customerId}`
      : "The email belongs to another customer",
    rejectedValue: row.email,
    source: "JSON",
  }));
  errors.sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }));
  return new ApiError(409, errors);
}

/**
 * `name[KEY]=value` parameters of a query string (PHP's array syntax, `customerField[3]=Gold`),
 * which the route's query validator does not see: it reads flat names. A repeated key keeps
 * its last value, as PHP; a value with brackets of its own (`name[3][]=x`) is refused.
 */
import { badRequest } from "../lib/errors";
import { fieldPath } from "./phpForm";

export function bracketedQuery(url: string, name: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const [key, value] of new URL(url).searchParams) {
    const path = fieldPath(key);
    if (!path || path[0] !== name || path.length === 1) continue;
    if (path.length > 2) {
      throw badRequest({ path: key, message: `Expected ${name}[KEY]=value`, source: "QUERY" });
    }
    values.set(path[1]!, value);
  }
  return values;
}

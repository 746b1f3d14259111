/**
 * Form fields and query parameters read as PHP reads them into `$_POST` / `$_GET`, which is
 * what FreeScout's module sees through `$request->all()`: `threads[0][text]=…` is a list of
 * objects, `customer[email]=…` an object, `tags[]=a&tags[]=b` a list, and a repeated plain key
 * keeps its last value.
 *
 * As PHP: the name before the first `[` is the field; a first `[` without its `]` is read as
 * `_` (`a[b=1` is the field `a_b`); after the first well-formed `[...]` anything that is not
 * another `[...]` is ignored; an entry without a name is skipped. Containers whose keys are
 * all non-negative integers become arrays (in key order, as PHP's foreach walks them).
 *
 * Not as PHP: `__proto__`, `constructor` and `prototype` are refused anywhere in a name, and
 * more than MAX_FIELDS entries or MAX_DEPTH levels of brackets are refused instead of being
 * cut silently.
 */

export const MAX_FIELDS = 1000;
export const MAX_DEPTH = 32;

const REFUSED = new Set(["__proto__", "constructor", "prototype"]);
const INDEX = /^(0|[1-9]\d{0,8})$/;

export class PhpFormError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

type Container = Map<string, unknown>;

/** The segments of a field name: `a[b][]` -> ["a", "b", ""]; null when it has no name. */
export function fieldPath(name: string): string[] | null {
  const key = name.replace(/^ +/, "");
  const open = key.indexOf("[");
  if (open === -1) return key === "" ? null : [key];
  const close = key.indexOf("]", open);
  if (close === -1) {
    // PHP turns the first unmatched "[" into "_" and keeps the rest of the name as is.
    const flat = `${key.slice(0, open)}_${key.slice(open + 1)}`;
    return open === 0 ? null : [flat];
  }
  if (open === 0) return null;
  const path = [key.slice(0, open)];
  let at = open;
  while (at < key.length && key[at] === "[") {
    const end = key.indexOf("]", at);
    if (end === -1) break;
    path.push(key.slice(at + 1, end));
    at = end + 1;
  }
  return path;
}

function nextIndex(container: Container): string {
  let next = 0;
  for (const key of container.keys()) if (INDEX.test(key)) next = Math.max(next, Number(key) + 1);
  return String(next);
}

/** Entries (name, value) -> the nested object PHP would build from them. */
export function parsePhpParams(entries: Iterable<readonly [string, string]>): Record<string, unknown> {
  const root: Container = new Map();
  let count = 0;
  for (const [name, value] of entries) {
    count += 1;
    if (count > MAX_FIELDS) throw new PhpFormError(`More than ${MAX_FIELDS} fields`, "");
    const path = fieldPath(name);
    if (!path) continue;
    if (path.length > MAX_DEPTH + 1) throw new PhpFormError(`More than ${MAX_DEPTH} levels of brackets`, name);
    if (path.some((segment) => REFUSED.has(segment))) throw new PhpFormError("Field name not allowed", name);

    let container = root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] === "" && i > 0 ? nextIndex(container) : path[i]!;
      if (i === path.length - 1) {
        container.set(segment, value);
        break;
      }
      let child = container.get(segment);
      if (!(child instanceof Map)) {
        child = new Map();
        container.set(segment, child);
      }
      container = child as Container;
    }
  }
  return finish(root) as Record<string, unknown>;
}

function finish(container: Container, top = true): unknown {
  const keys = [...container.keys()];
  const value = (key: string) => {
    const item = container.get(key);
    return item instanceof Map ? finish(item, false) : item;
  };
  if (!top && keys.length > 0 && keys.every((key) => INDEX.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map(value);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = value(key);
  return out;
}

/** `application/x-www-form-urlencoded` text or a query string (with or without "?"). */
export function parseUrlEncoded(text: string): Record<string, unknown> {
  return parsePhpParams(new URLSearchParams(text));
}

/** The text fields of a multipart form; files are not read (no endpoint takes uploads this way). */
export function parseFormData(form: FormData): Record<string, unknown> {
  const entries: [string, string][] = [];
  form.forEach((value, key) => {
    if (typeof value === "string") entries.push([key, value]);
  });
  return parsePhpParams(entries);
}

/**
 * A request body read as FreeScout's module reads `$request->all()`, guided by the route's own
 * zod schema, before the schema validates it:
 *
 * - an empty string or null on a field whose schema does not take it means "not given" (Laravel
 *   turns "" into null and the module skips null optionals); a field whose schema takes ""
 *   or null (null clears a customer's name, for one) keeps it;
 * - a scalar of the wrong JSON type is read as PHP reads it, where the schema then takes it:
 *   "5" for a number, "1"/"0"/"true"/"false" for a boolean, 5 or true for a string. Form
 *   bodies and query strings carry only strings, so this is what makes them validate.
 *
 * Nothing is coerced that the schema would have taken as it is, so a JSON body that was valid
 * before means exactly what it meant; only input that would have been refused changes.
 */
import type { z } from "@hono/zod-openapi";

type Schema = z.ZodType;
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: Schema[];
  getter?: () => Schema;
}

const def = (schema: Schema) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** The schema that decides a value's shape: through wrappers, pipes (to what a preprocess feeds) and lazies. */
function shapeOf(schema: Schema, depth = 0): Schema {
  if (depth > 20) return schema;
  const d = def(schema);
  if (WRAPPERS.has(d.type) && d.innerType) return shapeOf(d.innerType, depth + 1);
  if (d.type === "pipe" && d.in && d.out) {
    return shapeOf(def(d.in).type === "transform" ? d.out : d.in, depth + 1);
  }
  if (d.type === "lazy" && d.getter) return shapeOf(d.getter(), depth + 1);
  return schema;
}

const accepts = (schema: Schema, value: unknown) => schema.safeParse(value).success;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What PHP would let a scalar stand for, in the order to try. A number in a list is not read
 * as text: the module skips list entries that are not strings (tags), it does not cast them.
 */
function readings(value: unknown, inList: boolean): unknown[] {
  if (typeof value === "string") {
    const out: unknown[] = [];
    const trimmed = value.trim();
    if (/^-?\d+(\.\d+)?$/.test(trimmed) && trimmed.length <= 16) out.push(Number(trimmed));
    if (trimmed === "true" || trimmed === "1") out.push(true);
    if (trimmed === "false" || trimmed === "0") out.push(false);
    return out;
  }
  if (inList) return [];
  if (typeof value === "number" && Number.isFinite(value)) return [String(value), value !== 0];
  if (typeof value === "boolean") return [value ? "1" : "0", value ? 1 : 0];
  return [];
}

export function lenientInput(schema: Schema, value: unknown, depth = 0, inList = false): unknown {
  if (depth > 32) return value;
  const shape = shapeOf(schema);
  const d = def(shape);

  if (d.type === "object" && d.shape && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const field = Object.hasOwn(d.shape, key) ? d.shape[key] : undefined;
      if (!field) {
        out[key] = item;
      } else if (item === "" || item === null) {
        if (accepts(field, item)) out[key] = item;
      } else {
        out[key] = lenientInput(field, item, depth + 1);
      }
    }
    return out;
  }
  if (d.type === "array" && d.element && Array.isArray(value)) {
    const element = d.element;
    return value.map((item) => lenientInput(element, item, depth + 1, true));
  }
  if (d.type === "union" && d.options && typeof value === "object" && value !== null) {
    const kind = Array.isArray(value) ? "array" : "object";
    const fitting = d.options.filter((option) => def(shapeOf(option)).type === kind);
    if (fitting.length === 1) return lenientInput(fitting[0]!, value, depth + 1);
    return value;
  }
  const alternatives = readings(value, inList);
  if (alternatives.length === 0 || accepts(schema, value)) return value;
  return alternatives.find((candidate) => accepts(schema, candidate)) ?? value;
}

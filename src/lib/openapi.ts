/** Schemas and route helpers shared by every endpoint's definition. */
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { parseIso } from "./dates";
import { lenientInput } from "./lenientInput";

export const ErrorSchema = z
  .object({
    message: z.string(),
    errorCode: z.string(),
    _embedded: z.object({
      errors: z.array(
        z.object({
          path: z.string(),
          message: z.string(),
          rejectedValue: z.unknown().optional(),
          source: z.enum(["JSON", "QUERY", "PATH", "HEADER"]),
        }),
      ),
    }),
  })
  .openapi("Error");

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorSchema } },
});

export const errorResponses = {
  400: errorResponse("Validation failed: one entry per bad field"),
  401: errorResponse("API key missing or not valid"),
  403: errorResponse("The API key's scope does not allow this (extension: read-only or mailbox-limited keys)"),
  404: errorResponse("Resource not found"),
  405: errorResponse("Method not allowed on this path"),
  409: errorResponse("Conflicting entity exists"),
  413: errorResponse("Request body too large"),
  415: errorResponse("Request body is neither JSON nor a form (urlencoded or multipart)"),
  429: errorResponse("Too many requests with this API key (Retry-After, X-RateLimit-*)"),
  500: errorResponse("Unexpected server error"),
} as const;

/** Positive integer id in a path: anything else is an unknown resource (404). */
export const idParam = (name: string) =>
  z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({
      param: { name, in: "path" },
      example: 1,
    });

/**
 * A whole number in a query parameter read as PHP's (int) reads it: leading digits count
 * ("3abc" is 3), anything else is not given; a repeated parameter counts by its last value.
 */
const phpInt = (description: string, example: number) =>
  z
    .unknown()
    .transform((value): number | undefined => {
      const last = Array.isArray(value) ? value.at(-1) : value;
      const match = typeof last === "string" ? /^\s*([+-]?\d+)/.exec(last) : null;
      if (!match) return undefined;
      const n = Number(match[1]);
      return Number.isSafeInteger(n) ? n : Math.sign(n) * Number.MAX_SAFE_INTEGER;
    })
    .openapi({ type: "integer", description, example });

export const pagingQuery = {
  page: phpInt("Page number from 1. A missing, non-numeric or lower value means 1.", 1).optional(),
  pageSize: phpInt(
    "Items per page; a missing, non-numeric, 0 or negative value means 50. Capped at the server's MAX_PAGE_SIZE (100 unless configured): `page.size` in the answer is the size used and `totalPages` counts pages of that size, so walk pages up to `totalPages`.",
    50,
  ).optional(),
};

export const PageSchema = z
  .object({
    size: z.number().int().openapi({ description: "The page size used (the asked size, capped at MAX_PAGE_SIZE)" }),
    totalElements: z.number().int(),
    totalPages: z.number().int().openapi({ description: "Pages of `size` items; at least 1" }),
    number: z.number().int(),
  })
  .openapi("Page");

/** ISO 8601 date-time in, UNIX seconds out. */
export const isoDateTime = z
  .string()
  .transform((value, ctx) => {
    const seconds = parseIso(value);
    if (seconds === null) {
      ctx.addIssue({ code: "custom", message: "Expected an ISO 8601 date such as 2020-01-02T23:00:00Z" });
      return z.NEVER;
    }
    return seconds;
  })
  .openapi({ type: "string", format: "date-time", example: "2020-03-16T14:07:23Z" });

export const IsoDate = z.string().openapi({ format: "date-time", example: "2020-03-16T14:07:23Z" });

/**
 * Text to look up by in a query parameter: no control characters (a NUL would end the text
 * early inside SQLite and turn a filter into a match-all).
 */
export const filterText = (max: number) =>
  z
    .string()
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]*$/, "Must not contain control characters");

/** Comma-separated list in a query parameter (`mailboxId=1,2`), at most `max` entries. */
export const commaList = <T extends z.ZodType<unknown, string>>(item: T, max = 50) =>
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max));

type RouteDefinition = Parameters<typeof createRoute>[0];

/**
 * Reads the request's body (already parsed and cached by the body middleware) through the
 * route's own body schema, as FreeScout's module reads it (`lenientInput`), before validation.
 */
function lenientBody(route: RouteDefinition): MiddlewareHandler | undefined {
  const media = route.request?.body?.content?.["application/json"];
  const schema = media && "schema" in media ? media.schema : undefined;
  if (!(schema instanceof z.ZodType)) return undefined;
  return async (c, next) => {
    const cached = c.req.bodyCache.json;
    if (cached) c.req.bodyCache.json = cached.then((body: unknown) => lenientInput(schema, body));
    await next();
  };
}

/**
 * A FreeScout code in a body (type, status, state...): a known value as given, any other
 * value the module's default, as the module coerces it; the OpenAPI description says so.
 */
export const lenientEnum = <const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
  what: string,
) =>
  z
    .union([z.string(), z.number().transform(String)])
    .transform((value): T[number] => ((values as readonly string[]).includes(value) ? value : fallback))
    .openapi({
      type: "string",
      enum: [...values],
      description: `${what}: ${values.join(", ")}. Any other value means ${fallback}, as FreeScout reads it.`,
    });

/** A list filter or sort value FreeScout knows, else not given (the module ignores unknown values). */
export const knownOrIgnored = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .string()
    .transform((value): T[number] | undefined =>
      (values as readonly string[]).includes(value) ? (value as T[number]) : undefined,
    )
    .optional()
    .openapi({
      type: "string",
      enum: [...values],
      description: `${what}; an unknown value is ignored, as FreeScout ignores it`,
    });

export const sortOrderQuery = knownOrIgnored(["asc", "desc"], "asc or desc");

/**
 * An email address checked as FreeScout's module checks it: something@something, lower-cased.
 * Unlike the module, characters that would split or break a mail header (whitespace, control
 * characters, `<>,;"()[]\`) are refused.
 */
const EMAIL_SHAPE = /^[^\s@<>,;"()[\]\\]+@[^\s@<>,;"()[\]\\]+$/;
export const isLenientEmail = (value: string) => value.length <= 191 && EMAIL_SHAPE.test(value);
export const lenientEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(191)
  .regex(EMAIL_SHAPE, "must be an email address")
  .openapi({ format: "email", description: "Checked as something@something and lower-cased, as FreeScout" });

/** "Ann Lee <Ann@Example.org>" or "ann@example.org" -> the lower-cased address, or null. */
export function addressOf(entry: string): string | null {
  const angled = /<([^<>]*)>\s*$/.exec(entry);
  const address = (angled ? angled[1]! : entry).trim().toLowerCase();
  return isLenientEmail(address) ? address : null;
}

/**
 * cc / bcc / to as FreeScout's module reads them: a list or a comma-separated string,
 * entries as "Name <addr>" or plain addresses; invalid entries dropped, duplicates once.
 */
export const emailList = (max = 100) =>
  z
    .union([z.string(), z.array(z.unknown())])
    .transform((value) => {
      const entries = typeof value === "string" ? value.split(",") : value;
      const out: string[] = [];
      for (const entry of entries) {
        const address = typeof entry === "string" ? addressOf(entry) : null;
        if (address && !out.includes(address)) out.push(address);
      }
      return out;
    })
    .pipe(z.array(z.string()).max(max))
    .openapi({
      type: "array",
      items: { type: "string", format: "email" },
      description:
        'A list or a comma-separated string; entries as "Name <addr>" or addresses; invalid entries are dropped, as FreeScout drops them',
    });

type OperationParameter = NonNullable<RouteDefinition["parameters"]>[number];

/** The `Idempotency-Key` header every write takes (src/http/middleware/idempotency.ts). */
export const idempotencyKeyParameter: OperationParameter = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Retry safely (as Stripe): 1 to 255 printable ASCII characters, unique per operation (e.g. a UUID), scoped to the API key. " +
    "The same key with the same request (method, path, query and body) within 24 hours answers the first answer again " +
    "(status, Content-Type, Location, Resource-ID, body) with `Idempotent-Replayed: true`, without doing the work again. " +
    "409 when the key was used for another request, or while a request with the key is in progress; 400 for a malformed key. " +
    "A 5xx answer is not kept: a retry with the key does the work.",
  schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[ -~]+$" },
  example: "4e0a4c4b-1f6c-4c53-9a8e-0d9b2f3a7c11",
};

const WRITE_METHODS = new Set(["post", "put", "patch", "delete"]);

/** Declares a route with the error responses every endpoint can give (and `Idempotency-Key` on writes). */
export function defineRoute<R extends RouteDefinition>(route: R) {
  const lenient = lenientBody(route);
  const own =
    route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
  const defined = createRoute({
    ...route,
    ...(lenient ? { middleware: [lenient, ...own] } : {}),
    security: route.security ?? [{ apiKeyHeader: [] }, { apiKeyQuery: [] }, { basicAuth: [] }],
    responses: { ...errorResponses, ...route.responses },
  });
  // Added after createRoute: a `parameters` property in its argument breaks the inference of the route's input types.
  if (WRITE_METHODS.has(route.method)) {
    Object.assign(defined, { parameters: [...(route.parameters ?? []), idempotencyKeyParameter] });
  }
  return defined;
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  description:
    "JSON, or the same fields as application/x-www-form-urlencoded or multipart/form-data with PHP-style names (`threads[0][text]`, `customer[email]`, `tags[]`), or as query parameters (the body wins on a clash), as FreeScout's module reads `$request->all()`. An empty string or null on an optional field means not given.",
  content: { "application/json": { schema } },
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

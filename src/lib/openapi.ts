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
  404: errorResponse("Resource not found"),
  405: errorResponse("Method not allowed on this path"),
  409: errorResponse("Conflicting entity exists"),
  413: errorResponse("Request body too large"),
  415: errorResponse("Request body is not JSON"),
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

export const pagingQuery = {
  page: z.coerce.number().int().optional().openapi({ description: "Page number (from 1)", example: 1 }),
  pageSize: z.coerce
    .number()
    .int()
    .optional()
    .openapi({ description: "Page size (defaults to 50, clamped to MAX_PAGE_SIZE)", example: 50 }),
};

export const PageSchema = z
  .object({
    size: z.number().int(),
    totalElements: z.number().int(),
    totalPages: z.number().int(),
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

/** Declares a route with the error responses every endpoint can give. */
export function defineRoute<R extends RouteDefinition>(route: R) {
  const lenient = lenientBody(route);
  const own =
    route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
  return createRoute({
    ...route,
    ...(lenient ? { middleware: [lenient, ...own] } : {}),
    security: route.security ?? [{ apiKeyHeader: [] }, { apiKeyQuery: [] }, { basicAuth: [] }],
    responses: { ...errorResponses, ...route.responses },
  });
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

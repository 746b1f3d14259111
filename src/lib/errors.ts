/**
 * FreeScout's error envelope. Every error response of the API is built here:
 * { message, errorCode, _embedded: { errors: [{ path, message, rejectedValue?, source }] } }
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorSource = "JSON" | "QUERY" | "PATH" | "HEADER";

export interface ErrorEntry {
  path: string;
  message: string;
  rejectedValue?: unknown;
  source: ErrorSource;
}

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Not authorized",
  403: "Access denied",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  412: "Precondition failed",
  413: "Request entity too large",
  415: "Unsupported media type",
  416: "Range not satisfiable",
  429: "Too many requests",
  500: "Internal server error",
};

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly errors: ErrorEntry[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(titles[status] ?? "Error");
  }

  toJSON() {
    return errorBody(this.status, this.errors);
  }
}

export function errorBody(status: number, errors: ErrorEntry[]) {
  const message = titles[status] ?? "Error";
  return { message, errorCode: message.toUpperCase(), _embedded: { errors } };
}

export function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(error.toJSON(), error.status);
}

export const badRequest = (...errors: ErrorEntry[]) => new ApiError(400, errors);

/** A body field that fails a rule the schema cannot express (unknown id, wrong mailbox...). */
export const invalidField = (path: string, message: string, rejectedValue?: unknown) =>
  badRequest({ path, message, rejectedValue, source: "JSON" });

export const notFound = (path: string, rejectedValue: unknown, source: ErrorSource = "PATH") =>
  new ApiError(404, [{ path, message: "Resource not found", rejectedValue, source }]);

export const conflict = (path: string, message: string, rejectedValue?: unknown) =>
  new ApiError(409, [{ path, message, rejectedValue, source: "JSON" }]);

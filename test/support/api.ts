import { exports } from "cloudflare:workers";
import { checkContract } from "./contract";

export const DEMO_KEY = "c2ba609c687a3425402b9d881e5075db";
export const BASE = "http://localhost:8787";

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  /** The API key sent in X-FreeScout-API-Key; null sends none. */
  key?: string | null;
}

/**
 * Calls the Worker's fetch handler as a client would, with the demo key by default, and checks
 * the response against the OpenAPI document (test/support/contract.ts).
 */
export async function call(method: string, path: string, options: CallOptions = {}) {
  const url = new URL(path, BASE);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, String(value));
  const headers = new Headers(options.headers);
  const key = options.key === undefined ? DEMO_KEY : options.key;
  if (key !== null) headers.set("X-FreeScout-API-Key", key);
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const response = await exports.default.fetch(new Request(url, { method, headers, body }));
  const text = await response.text();
  const json = text && response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined;
  const result = { status: response.status, headers: response.headers, json, text };
  await checkContract(method, url.pathname, result);
  return result;
}

export const get = (path: string, options?: CallOptions) => call("GET", path, options);
export const post = (path: string, body: unknown, options?: CallOptions) => call("POST", path, { ...options, body });
export const put = (path: string, body: unknown, options?: CallOptions) => call("PUT", path, { ...options, body });
export const del = (path: string, options?: CallOptions) => call("DELETE", path, options);

/** Asserts the FreeScout error envelope and returns its error entries. */
export function errorsOf(response: { status: number; json: any }) {
  const body = response.json;
  if (!body || typeof body.message !== "string" || typeof body.errorCode !== "string") {
    throw new Error(`not a FreeScout error envelope: ${JSON.stringify(body)}`);
  }
  if (!Array.isArray(body._embedded?.errors)) throw new Error("error envelope without _embedded.errors");
  return body._embedded.errors as { path: string; message: string; rejectedValue?: unknown; source: string }[];
}

/** What a response says it cost D1, from its `Server-Timing` header (src/db/instrument.ts). */
export function d1Cost(response: { headers: Headers }) {
  const match = /q=(\d+) rows=(\d+) w=(\d+)/.exec(response.headers.get("Server-Timing") ?? "");
  if (!match) throw new Error("no D1 cost in Server-Timing");
  return { roundTrips: Number(match[1]), rowsRead: Number(match[2]), rowsWritten: Number(match[3]) };
}

import { env } from "cloudflare:test";
import { type CallOptions, call } from "@test/support/api";

/** Sends a request with an Idempotency-Key. */
export const withKey = (key: string, method: string, path: string, options: CallOptions = {}) =>
  call(method, path, { ...options, headers: { ...options.headers, "Idempotency-Key": key } });

export async function countRows(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${table}"`).first<{ n: number }>();
  return row!.n;
}

/** D1 round trips of a response, from its Server-Timing header. */
export function roundTripsOf(res: { headers: Headers }): number {
  const match = /q=(\d+)/.exec(res.headers.get("Server-Timing") ?? "");
  if (!match) throw new Error("no db timing");
  return Number(match[1]);
}

/** The headers a replay must give again, as the first answer gave them. */
export const keptHeaders = (res: { headers: Headers }) => ({
  status: res.headers.get("content-type"),
  location: res.headers.get("location"),
  resourceId: res.headers.get("resource-id"),
});

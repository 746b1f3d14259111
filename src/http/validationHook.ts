/** How the app answers a request zod refuses: FreeScout's error envelope, every error at once. */
import type { Hook } from "@hono/zod-openapi";
import { ApiError, type ErrorSource } from "../lib/errors";
import type { AppEnv } from "./env";
import { zodIssuesToErrors } from "./zodErrors";

const sources: Record<string, ErrorSource> = {
  json: "JSON",
  query: "QUERY",
  param: "PATH",
  header: "HEADER",
};

// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route, whatever its input
export const validationHook: Hook<any, AppEnv, any, void> = (result) => {
  if (result.success) return;
  const source = sources[result.target] ?? "JSON";
  const errors = zodIssuesToErrors(result.error.issues, (result as { data?: unknown }).data, source);
  // A path id that is not a positive integer names no resource.
  throw new ApiError(source === "PATH" ? 404 : 400, errors);
};

import type { z } from "@hono/zod-openapi";
import type { ErrorEntry, ErrorSource } from "../lib/errors";

/** `["attachments", 1, "fileUrl"]` -> `attachments[1].fileUrl`, the form FreeScout clients read. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function messageFor(issue: z.core.$ZodIssue, rejected: unknown): string {
  if (issue.code === "invalid_type" && rejected === undefined) return "may not be empty";
  if (issue.code === "invalid_value" && issue.values.length > 1) {
    return `Expected one of these: ${issue.values.map((v) => `'${String(v)}'`).join(", ")}`;
  }
  return issue.message;
}

export function zodIssuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  source: ErrorSource,
): ErrorEntry[] {
  return issues.map((issue) => {
    const rejectedValue = valueAt(input, issue.path);
    const entry: ErrorEntry = {
      path: formatPath(issue.path),
      message: messageFor(issue, rejectedValue),
      source,
    };
    if (rejectedValue !== undefined && (rejectedValue === null || typeof rejectedValue !== "object")) {
      entry.rejectedValue = rejectedValue;
    }
    return entry;
  });
}

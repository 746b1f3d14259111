import { z } from "@hono/zod-openapi";
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

type RawIssue = z.core.$ZodRawIssue & { schema?: z.core.$ZodType };
interface CheckDef {
  check?: string;
  format?: string;
  value?: unknown;
  inclusive?: boolean;
}

/** What a number schema accepts, read from its checks: "a positive integer", "an integer", "a number". */
function numberKind(schema: z.core.$ZodType | undefined): string {
  const checks = ((schema?._zod.def as { checks?: { _zod: { def: CheckDef } }[] })?.checks ?? []).map(
    (check) => check._zod.def,
  );
  const integer = checks.some((def) => def.check === "number_format" && /int/.test(def.format ?? ""));
  const positive = checks.some(
    (def) =>
      def.check === "greater_than" &&
      typeof def.value === "number" &&
      (def.value > 0 || (def.value === 0 && !def.inclusive)),
  );
  if (integer) return positive ? "a positive integer" : "an integer";
  return positive ? "a positive number" : "a number";
}

const typeNames: Record<string, string> = {
  string: "text",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  null: "null",
  int: "an integer",
  date: "a date",
};

const formatNames: Record<string, string> = {
  email: "an email address",
  url: "a URL",
  datetime: "a date and time like 2020-01-02T23:00:00Z",
  date: "a date like 2020-01-02",
  uuid: "a UUID",
};

const quote = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function typeName(issue: RawIssue & { expected: string }): string {
  if (issue.expected === "number" || issue.expected === "int") {
    const kind = numberKind(issue.schema);
    return issue.expected === "int" && kind === "a number" ? "an integer" : kind;
  }
  return typeNames[issue.expected] ?? issue.expected;
}

function sizeMessage(issue: RawIssue & { origin: string }, bound: number | bigint, least: boolean): string {
  const n = Number(bound);
  const word = least ? "at least" : "at most";
  if (issue.origin === "string") return least && n === 1 ? "may not be empty" : `must be ${word} ${n} characters long`;
  if (issue.origin === "array" || issue.origin === "set") return `must have ${word} ${n} item${n === 1 ? "" : "s"}`;
  if (issue.origin === "number" || issue.origin === "bigint" || issue.origin === "int") {
    const kind = numberKind(issue.schema);
    if (least && (kind === "a positive integer" || kind === "a positive number")) return `must be ${kind}`;
    const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
    if (inclusive) return `must be ${word} ${n}`;
    return `must be ${least ? "greater" : "less"} than ${n}`;
  }
  return `must be ${word} ${n}`;
}

/** A union names the types it takes, or else speaks as its first alternative. */
function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string | undefined {
  const firsts = issue.errors.map((branch) => branch[0]).filter((first) => first !== undefined);
  if (firsts.length === 0) return undefined;
  const allTypes = firsts.every((first) => first.code === "invalid_type" && first.path.length === 0);
  if (allTypes && firsts.length > 1) {
    const names = [...new Set(firsts.map((first) => first.message.replace(/^must be /, "")))];
    return `must be ${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  }
  return firsts[0]?.path.length === 0 ? firsts[0].message : "is not in an accepted form";
}

/**
 * Messages a person reads: "must be a positive integer", "must be one of: active, pending".
 * Installed as zod's error map, so a message written on a schema still wins.
 */
export function humanMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return `must be ${typeName(issue)}`;
    case "too_small":
      return sizeMessage(issue, issue.minimum, true);
    case "too_big":
      return sizeMessage(issue, issue.maximum, false);
    case "invalid_format":
      if (issue.format === "regex") return "is not in the expected format";
      return `must be ${formatNames[issue.format] ?? `a valid ${issue.format}`}`;
    case "invalid_value":
      if (issue.values.length === 1) return `must be ${quote(issue.values[0])}`;
      return `must be one of: ${issue.values.map(quote).join(", ")}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}`;
    case "invalid_union":
      return unionMessage(issue as unknown as z.core.$ZodIssueInvalidUnion);
    default:
      return undefined;
  }
}

z.config({ customError: humanMessage });

export function zodIssuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  source: ErrorSource,
): ErrorEntry[] {
  return issues.map((issue) => {
    const rejectedValue = valueAt(input, issue.path);
    const entry: ErrorEntry = {
      path: formatPath(issue.path),
      message: issue.code === "invalid_type" && rejectedValue === undefined ? "may not be empty" : issue.message,
      source,
    };
    if (rejectedValue !== undefined && (rejectedValue === null || typeof rejectedValue !== "object")) {
      entry.rejectedValue = rejectedValue;
    }
    return entry;
  });
}

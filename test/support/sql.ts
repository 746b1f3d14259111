/** Splits a seed/migration file into statements: each ends with ";" at the end of a line. */
export function splitSqlStatements(source: string): string[] {
  return source
    .split(/;\s*$/m)
    .map((statement) =>
      statement
        .split("\n")
        .filter((line) => !line.trim().startsWith("--"))
        .join("\n")
        .trim(),
    )
    .filter(Boolean);
}

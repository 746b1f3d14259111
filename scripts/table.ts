/** Rows as an aligned text table with a header line, no index column. */
export function formatTable(rows: Record<string, string>[], columns: string[]): string {
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    line(columns),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map((row) => line(columns.map((c) => row[c] ?? ""))),
  ].join("\n");
}

/** Unix seconds as `2026-01-02T03:04:05Z`; empty for null. */
export const isoSeconds = (seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? "" : new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

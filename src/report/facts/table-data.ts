/**
 * Tables as plain data: raw cell text (which may come from a pull request) that each format escapes its own
 * way. The first column names the row (a row header in HTML).
 */
export type Align = 'l' | 'r' | 'c';

export interface TableData {
  /** What the table shows, e.g. "Batch-size sweep"; the HTML caption. */
  caption: string;
  header: string[];
  align: Align[];
  rows: string[][];
}

export function createTable(
  caption: string,
  columns: readonly (readonly [string, Align])[],
  rows: string[][],
): TableData {
  return {
    caption,
    header: columns.map(([name]) => name),
    align: columns.map(([, align]) => align),
    rows,
  };
}

/** A key → value table ("Field", "Value"). */
export function createFieldTable(caption: string, fields: readonly [string, string][]): TableData {
  return createTable(
    caption,
    [
      ['Field', 'l'],
      ['Value', 'l'],
    ],
    fields.map(([name, value]) => [name, value]),
  );
}

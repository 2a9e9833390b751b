/** Markdown building blocks: escaped tables, collapsed sections, lists and the "rows omitted" line. */
import { markdownTable } from 'markdown-table';
import { escapeMarkdown } from '../text/escape.js';
import type { TableData } from '../facts/table-data.js';

export interface MarkdownTableOptions {
  /** Keep only the first rows (the rest become an "omitted" line); all rows when undefined. */
  keepRows?: number;
  /** Longest cell text before it is cut with "…". */
  maxCellChars?: number;
  /** Pad columns to equal widths (readable raw text; costs characters). */
  aligned?: boolean;
}

/** "_3 more rows omitted; see the artifact._" */
export function describeOmittedRows(count: number): string {
  return `_${count} more ${count === 1 ? 'row' : 'rows'} omitted; see the artifact._`;
}

/** A GFM table; every cell is escaped (pipes, HTML, links, mentions). */
export function renderMarkdownTable(table: TableData, options: MarkdownTableOptions = {}): string {
  if (table.rows.length === 0) return '_No rows._';
  const keep = Math.min(table.rows.length, options.keepRows ?? table.rows.length);
  const escapeCell = (text: string) => escapeMarkdown(text, options.maxCellChars);
  const rows = [table.header, ...table.rows.slice(0, keep)].map((row) => row.map(escapeCell));
  const text = markdownTable(rows, { align: table.align, alignDelimiters: options.aligned ?? false });
  const omitted = table.rows.length - keep;
  return omitted > 0 ? `${text}\n\n${describeOmittedRows(omitted)}` : text;
}

/** A collapsed section; GitHub needs the blank lines to render Markdown inside it. */
export function renderDetails(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A bullet list of untrusted items, escaped. */
export function renderMarkdownList(items: readonly string[], maxChars?: number): string {
  return items.map((item) => `- ${escapeMarkdown(item, maxChars)}`).join('\n');
}

/** "### Title" followed by its body. */
export function renderHeading(level: 2 | 3 | 4, title: string, body: string): string {
  return `${'#'.repeat(level)} ${title}\n\n${body}`;
}

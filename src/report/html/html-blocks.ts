/** HTML building blocks: accessible tables from TableData, lists and sections; every text is escaped. */
import { escapeHtml, escapeHtmlText } from '../text/escape.js';
import type { TableData } from '../facts/table-data.js';

/**
 * Where the text of a table cell links to, or null for plain text: an address the caller built and vouches for
 * (an http(s) URL it validated, or "#anchor").
 */
export type LinkOf = (row: number, column: number) => string | null;

function renderCellText(cell: string, href: string | null): string {
  const text = escapeHtmlText(cell);
  return href === null ? text : `<a href="${escapeHtml(href)}">${text}</a>`;
}

/**
 * A table with <caption>, column headers (scope="col") and the first cell of a row as its header; `linkOf`
 * makes some cells' text a link.
 */
export function renderHtmlTable(table: TableData, linkOf: LinkOf = () => null): string {
  const head = table.header.map((name) => `<th scope="col">${escapeHtmlText(name)}</th>`).join('');
  const rows = table.rows.map((row, rowIndex) => {
    const cells = row.map((cell, index) => {
      const text = renderCellText(cell, linkOf(rowIndex, index));
      if (index === 0) return `<th scope="row">${text}</th>`;
      return table.align[index] === 'r' ? `<td class="r">${text}</td>` : `<td>${text}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  const body =
    rows.length === 0 ? `<tr><td colspan="${table.header.length}">No rows.</td></tr>` : rows.join('\n');
  return `<div class="table-wrap"><table>\n<caption>${escapeHtmlText(table.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

/** A bullet list of untrusted items. */
export function renderHtmlList(items: readonly string[]): string {
  return `<ul>\n${items.map((item) => `<li>${escapeHtmlText(item)}</li>`).join('\n')}\n</ul>`;
}

/** A paragraph of untrusted text. */
export function renderParagraph(text: string, className = ''): string {
  return className === ''
    ? `<p>${escapeHtmlText(text)}</p>`
    : `<p class="${className}">${escapeHtmlText(text)}</p>`;
}

/** A section with an id and an <h2>; `body` is HTML already escaped by its builder. */
export function renderSection(id: string, title: string, body: readonly string[]): string {
  return `<section id="${id}" aria-labelledby="${id}-title">\n<h2 id="${id}-title">${escapeHtmlText(title)}</h2>\n${body.join('\n')}\n</section>`;
}

/** Charts side by side (those that are null are left out). */
export function renderChartGrid(charts: readonly (string | null)[]): string[] {
  const present = charts.filter((chart): chart is string => chart !== null);
  return present.length === 0 ? [] : [`<div class="charts">\n${present.join('\n')}\n</div>`];
}

export interface DocumentHead {
  /** The title, already escaped. */
  title: string;
  css: string;
  /** A CSP script-src source (the history site's one inline script); none: no script may run. */
  scriptSource?: string;
  /** Send no Referer from links (the history site links out). */
  noReferrer?: boolean;
}

/** A report's <head>: UTF-8, a Content-Security-Policy that loads nothing from anywhere, both colour schemes. */
export function renderDocumentHead(head: DocumentHead): string {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    ...(head.scriptSource === undefined ? [] : [`script-src ${head.scriptSource}`]),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    ...(head.noReferrer === true ? ['<meta name="referrer" content="no-referrer">'] : []),
    `<title>${head.title}</title>`,
    `<style>${head.css}</style>`,
    '</head>',
  ].join('\n');
}

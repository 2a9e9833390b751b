/**
 * The history dashboard: one self-contained index.html — inline CSS, inline SVG, one inline script allowed
 * by its hash — that makes no request of any kind (its Content-Security-Policy is default-src 'none'). Links
 * to commits are plain <a href>s, followed only when clicked. Light and dark themes follow
 * prefers-color-scheme; every chart is an <svg role="img"> with a <title> and a <desc>, and every run is
 * also in a table for keyboards and screen readers. Every string from the series is escaped.
 */
import type { HistorySeries } from '../../history/history-series.js';
import { escapeHtml, escapeHtmlText } from '../text/escape.js';
import { formatTimestamp } from '../text/format-numbers.js';
import { renderDocumentHead, renderSection } from '../html/html-blocks.js';
import { createChartNamer, renderCellSection } from './cell-section.js';
import { renderOverviewCards } from './overview-cards.js';
import type { HistorySiteContext, SiteFile } from './site-context.js';
import { createCellAnchor, formatDay, groupByCell, isWebAddress } from './site-context.js';
import { computeScriptSource, SITE_SCRIPT } from './site-script.js';
import { HISTORY_SITE_CSS } from './site-style.js';

function renderHead(context: HistorySiteContext): string {
  return renderDocumentHead({
    title: escapeHtmlText(context.title, 120),
    css: HISTORY_SITE_CSS,
    scriptSource: computeScriptSource(),
    noReferrer: true,
  });
}

function describeHistory(groups: readonly HistorySeries[][], context: HistorySiteContext): string {
  const points = groups.flat().flatMap((series) => series.points);
  const runs = new Set(points.map((point) => `${point.commit}\u0000${point.date}`)).size;
  const days = points.map((point) => formatDay(point.date)).sort();
  const range = days.length === 0 ? '' : ` from ${days[0] ?? ''} to ${days[days.length - 1] ?? ''}`;
  const repository =
    context.repositoryUrl !== null && isWebAddress(context.repositoryUrl)
      ? ` · <a href="${escapeHtml(context.repositoryUrl)}">${escapeHtmlText(context.repositoryUrl, 200)}</a>`
      : '';
  const cells = `${groups.length} cell${groups.length === 1 ? '' : 's'}`;
  const generated = `generated ${formatTimestamp(context.generatedAt)}`;
  return `<p class="muted">${escapeHtmlText(`${cells}, ${runs} run${runs === 1 ? '' : 's'}${range} · ${generated}`)}${repository}</p>`;
}

/** The cell selector: hidden until the script runs (without it every cell is shown). */
function renderPicker(groups: readonly HistorySeries[][]): string {
  const options = groups.map((group) => {
    const first = group[0];
    return `<option value="${createCellAnchor(first?.cellId ?? '')}">${escapeHtmlText(first?.label ?? '', 120)}</option>`;
  });
  return [
    '<nav class="controls" id="cell-picker" aria-label="Cell" hidden>',
    '<label for="cell-select">Cell</label>',
    `<select id="cell-select">${options.join('')}<option value="all">All cells</option></select>`,
    '</nav>',
  ].join('\n');
}

/** What the marks mean, once for every chart. */
function renderKey(): string {
  const swatch = (body: string) =>
    `<svg viewBox="0 0 24 12" aria-hidden="true" focusable="false">${body}</svg>`;
  const run = swatch(
    '<g class="series s0"><rect class="band" x="0" y="1" width="24" height="10"/><path class="line" d="M0 6 L24 6"/><circle class="dot" cx="12" cy="6" r="3"/></g>',
  );
  const change = swatch('<g class="marker change bad"><line x1="12" x2="12" y1="0" y2="12"/></g>');
  const machine = swatch('<g class="marker boundary neutral"><line x1="12" x2="12" y1="0" y2="12"/></g>');
  return [
    '<ul class="key">',
    `<li>${run}run, 95 % interval (click: commit)</li>`,
    `<li>${change}change point (level change)</li>`,
    `<li>${machine}new machine or chain restart</li>`,
    '</ul>',
  ].join('');
}

function renderEmpty(): string {
  return [
    '<main>',
    '<p class="empty">No history yet: nothing has been recorded. Record runs with <code>embedprof history add --profile OUT/profile.json --store DIR</code>, then generate this site again.</p>',
    '</main>',
  ].join('\n');
}

function renderMain(groups: readonly HistorySeries[][], context: HistorySiteContext): string {
  const nameChart = createChartNamer();
  return [
    renderPicker(groups),
    renderKey(),
    '<main>',
    renderSection('overview', 'Overview', [renderOverviewCards(groups)]),
    ...groups.map((group) => renderCellSection(group, context, nameChart)),
    '</main>',
    `<script>${SITE_SCRIPT}</script>`,
  ].join('\n');
}

/** The whole page. */
export function renderHistoryPage(series: readonly HistorySeries[], context: HistorySiteContext): string {
  const groups = groupByCell(series);
  const empty = groups.length === 0 || series.every((item) => item.points.length === 0);
  const body = [
    '<header>',
    `<h1>${escapeHtmlText(context.title, 200)}</h1>`,
    describeHistory(groups, context),
    '</header>',
    empty ? renderEmpty() : renderMain(groups, context),
    '<footer class="muted"><p>Made by embedprof. Change points are persistent shifts of a series&#39; level; a machine change starts a new segment.</p></footer>',
  ];
  return `<!DOCTYPE html>\n<html lang="en">\n${renderHead(context)}\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}

/** The site's files, paths relative to its folder: index.html. */
export function renderHistorySite(series: readonly HistorySeries[], context: HistorySiteContext): SiteFile[] {
  return [{ path: 'index.html', content: renderHistoryPage(series, context) }];
}

/**
 * The serve duet's report as HTML (serve-comparison.html), in serve-report.html's structure and styles:
 * self-contained (inline CSS and SVG, no script, a Content-Security-Policy of default-src 'none'), light and
 * dark themes. The verdict line, the context, both sides' curves on one chart, a table per sweep with its
 * metrics' reasons and pairs in words, and each side's rates.
 */
import type { ServeProfile } from '../../measure/serve/serve-profile-schema.js';
import { formatVerdictText } from '../facts/format-verdict.js';
import type { ServeDuetView } from '../facts/serve-duet-facts.js';
import {
  describeServeDuetContext,
  describeServeDuetVerdict,
  describeSweepHeading,
} from '../facts/serve-duet-facts.js';
import { buildServeDuetTable, listServeDuetNotes } from '../facts/serve-duet-tables.js';
import { buildServeRateTable } from '../facts/serve-tables.js';
import { escapeHtmlText } from '../text/escape.js';
import { formatTimestamp } from '../text/format-numbers.js';
import {
  renderChartGrid,
  renderDocumentHead,
  renderHtmlList,
  renderHtmlTable,
  renderSection,
} from './html-blocks.js';
import { REPORT_CSS } from './html-style.js';
import { SERVE_CHART_CSS } from './serve-curve-chart.js';
import { renderServeDuetCurve, SERVE_DUET_CHART_CSS } from './serve-duet-curve.js';

/** Longest side label in the page's title and heading. */
const MAX_TITLE_CHARS = 80;

function renderSide(id: string, title: string, profile: ServeProfile): string {
  return renderSection(
    id,
    title,
    profile.sweeps.map((sweep) => renderHtmlTable(buildServeRateTable(sweep, profile))),
  );
}

/** The curve, one section per sweep (its table, reasons and pairs) and each side's rates. */
export function renderServeDuetHtmlSections(view: ServeDuetView): string[] {
  const { comparison } = view;
  return [
    renderSection(
      'serve-duet-curve',
      'Latency against offered rate',
      renderChartGrid([renderServeDuetCurve(view)]),
    ),
    ...comparison.sweeps.map((sweep, index) =>
      renderSection(`serve-duet-sweep-${index + 1}`, describeSweepHeading(sweep), [
        renderHtmlTable(buildServeDuetTable(sweep)),
        renderHtmlList(listServeDuetNotes(sweep)),
      ]),
    ),
    renderSide('serve-duet-base', `Base: ${view.baseLabel}`, view.base),
    renderSide('serve-duet-head', `Head: ${view.headLabel}`, view.head),
  ];
}

function renderTitle(view: ServeDuetView): string {
  return `embedprof serve comparison: ${escapeHtmlText(view.baseLabel, MAX_TITLE_CHARS)} against ${escapeHtmlText(view.headLabel, MAX_TITLE_CHARS)}`;
}

/** The whole page (serve-comparison.html). */
export function renderServeDuetHtml(view: ServeDuetView): string {
  const parts = describeServeDuetVerdict(view.comparison);
  const title = renderTitle(view);
  const head = renderDocumentHead({ title, css: `${REPORT_CSS}${SERVE_CHART_CSS}${SERVE_DUET_CHART_CSS}` });
  const body = [
    '<header>',
    `<h1>${title}</h1>`,
    `<p class="verdict ${parts.tone}">${formatVerdictText(parts, escapeHtmlText)}</p>`,
    `<p class="muted">${describeServeDuetContext(view, escapeHtmlText)}</p>`,
    '</header>',
    '<main>',
    ...renderServeDuetHtmlSections(view),
    '</main>',
    `<footer class="muted"><p>embedprof ${escapeHtmlText(view.head.tool.version)}, head run of ${escapeHtmlText(formatTimestamp(view.head.createdAt))}.</p></footer>`,
  ];
  return `<!DOCTYPE html>\n<html lang="en">\n${head}\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}

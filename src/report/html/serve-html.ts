/**
 * The serve report as HTML (serve-profile.json), in report.html's structure and styles: self-contained (inline
 * CSS and SVG, no script, a Content-Security-Policy of default-src 'none'), light and dark themes, tables with
 * captions. renderServeHtmlSections gives the sections alone, for a page that already has a head.
 */
import type { ServeProfile, ServeSweep } from '../../measure/serve/serve-profile-schema.js';
import {
  describeKnee,
  describeReference,
  describeServeContext,
  describeServeHeadline,
  describeServeTarget,
  describeTextsPerRequest,
  listSweepNotes,
} from '../facts/serve-facts.js';
import {
  buildServeEnvironmentTable,
  buildServePlanTable,
  buildServeRateTable,
  buildServeServerTable,
  buildServeSettingsTable,
  buildServeTimingTable,
} from '../facts/serve-tables.js';
import { escapeHtmlText } from '../text/escape.js';
import { formatTimestamp } from '../text/format-numbers.js';
import {
  renderChartGrid,
  renderDocumentHead,
  renderHtmlList,
  renderHtmlTable,
  renderParagraph,
  renderSection,
} from './html-blocks.js';
import { REPORT_CSS } from './html-style.js';
import { renderServeCurve, SERVE_CHART_CSS } from './serve-curve-chart.js';

/** Longest target (URL or command) in the page's title and heading. */
const MAX_TITLE_CHARS = 120;

function renderSweep(sweep: ServeSweep, profile: ServeProfile, index: number): string {
  const timing = buildServeTimingTable(sweep);
  const notes = listSweepNotes(sweep, profile.plan);
  const reference = describeReference(sweep);
  return renderSection(`serve-sweep-${index + 1}`, describeTextsPerRequest(sweep.textsPerRequest), [
    renderParagraph(`Knee: ${describeKnee(sweep.knee)}.${reference === null ? '' : ` ${reference}.`}`),
    renderHtmlTable(buildServeRateTable(sweep, profile)),
    ...(timing === null ? [] : [renderHtmlTable(timing)]),
    ...(notes.length === 0 ? [] : [renderHtmlList(notes)]),
  ]);
}

function renderTables(tables: readonly ReturnType<typeof buildServeSettingsTable>[]): string[] {
  return tables.flatMap((table) => (table === null ? [] : [renderHtmlTable(table)]));
}

/** The curve, one section per sweep, the server, warnings, method and environment. */
export function renderServeHtmlSections(profile: ServeProfile): string[] {
  return [
    renderSection(
      'serve-curve',
      'Latency against offered rate',
      renderChartGrid([renderServeCurve(profile)]),
    ),
    ...profile.sweeps.map((sweep, index) => renderSweep(sweep, profile, index)),
    renderSection('serve-server', 'Server', renderTables([buildServeServerTable(profile)])),
    ...(profile.warnings.length === 0
      ? []
      : [renderSection('serve-warnings', 'Warnings', [renderHtmlList(profile.warnings)])]),
    renderSection(
      'serve-method',
      'Method and environment',
      renderTables([
        buildServePlanTable(profile),
        buildServeEnvironmentTable(profile),
        buildServeSettingsTable(profile),
      ]),
    ),
  ];
}

function renderHead(profile: ServeProfile): string {
  const title = `embedprof serve report: ${escapeHtmlText(describeServeTarget(profile), MAX_TITLE_CHARS)}`;
  return renderDocumentHead({ title, css: `${REPORT_CSS}${SERVE_CHART_CSS}` });
}

/** The whole page (serve-report.html). */
export function renderServeHtml(profile: ServeProfile): string {
  const headline = describeServeHeadline(profile);
  const body = [
    '<header>',
    `<h1>embedprof serve report: ${escapeHtmlText(describeServeTarget(profile), MAX_TITLE_CHARS)}</h1>`,
    `<p class="verdict ${headline.tone}">${escapeHtmlText(headline.text)}</p>`,
    `<p class="muted">${describeServeContext(profile, escapeHtmlText)}</p>`,
    '</header>',
    '<main>',
    ...renderServeHtmlSections(profile),
    '</main>',
    `<footer class="muted"><p>embedprof ${escapeHtmlText(profile.tool.version)}, run of ${escapeHtmlText(formatTimestamp(profile.createdAt))}.</p></footer>`,
  ];
  return `<!DOCTYPE html>\n<html lang="en">\n${renderHead(profile)}\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}

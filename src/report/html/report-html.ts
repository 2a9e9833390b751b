/**
 * report.html: one self-contained file — inline CSS, inline SVG charts drawn here, no script, no font, no
 * image and no request of any kind (a Content-Security-Policy of default-src 'none' makes sure of it). Light
 * and dark themes follow prefers-color-scheme; tables have captions and header scopes; every chart is an
 * <svg role="img"> with a <title>, a <desc> and a data-chart name.
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import * as analysis from '../facts/analysis-tables.js';
import { listChangedRows } from '../facts/comparison-facts.js';
import { buildAttributionTable } from '../facts/attribution-table.js';
import { buildQualityTable, buildSideChangesTable } from '../facts/side-tables.js';
import { buildAggregatesTable, buildAllCellsTable, buildChangesTable } from '../facts/comparison-tables.js';
import {
  buildEnvironmentTable,
  buildSettingsTable,
  buildMethodTable,
  buildModelTable,
  listRecommendations,
  METHOD_NOTES,
} from '../facts/environment-table.js';
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
import * as charts from './html-charts.js';
import { REPORT_CSS } from './html-style.js';
import { describeUnmeasured, listProfileCells } from '../facts/profile-facts.js';
import { buildBatchTable, buildLengthTable } from '../facts/profile-tables.js';
import type { Renderer, ReportInput } from '../renderer.js';
import { listFindings } from '../facts/report-findings.js';
import { describeBaseHistory, describeRunContext } from '../facts/run-context.js';
import { describeVerdict, formatVerdictText } from '../facts/format-verdict.js';

function renderComparison(comparison: Comparison): string {
  const changed = listChangedRows(comparison);
  const { notes, reasons } = comparison.overall;
  const where = buildAttributionTable(comparison, Number.POSITIVE_INFINITY, {
    stages: Number.POSITIVE_INFINITY,
    operators: Number.POSITIVE_INFINITY,
  });
  return renderSection('comparison', 'Comparison with the baseline', [
    ...renderChartGrid([charts.renderComparisonChart(comparison)]),
    renderHtmlTable(buildAggregatesTable(comparison)),
    changed.length === 0
      ? renderParagraph('No cell changed beyond the thresholds.')
      : renderHtmlTable(buildChangesTable(comparison, changed)),
    ...(where === null ? [] : [renderHtmlTable(where)]),
    ...[buildSideChangesTable(comparison), buildQualityTable(comparison)]
      .filter((table) => table !== null)
      .map((table) => renderHtmlTable(table)),
    ...(notes.length === 0 ? [] : ['<h3>Notes</h3>', renderHtmlList(notes)]),
    '<h3>Reasons</h3>',
    renderHtmlList(reasons),
    renderHtmlTable(buildAllCellsTable(comparison)),
  ]);
}

function renderUnmeasured(profile: Profile, sweep: 'batch' | 'length'): string[] {
  const items = listProfileCells(profile).flatMap((item) => {
    const reason = item.sweep === sweep ? describeUnmeasured(item.cell) : null;
    return reason === null ? [] : [`${item.label}: ${reason}`];
  });
  return items.length === 0 ? [] : [renderHtmlList(items)];
}

function renderSweeps(profile: Profile, comparison: Comparison | null): string[] {
  return [
    renderSection('batch', 'Batch-size sweep', [
      ...renderChartGrid([
        charts.renderThroughputByBatch(profile, comparison),
        charts.renderLatencyByBatch(profile),
      ]),
      renderHtmlTable(buildBatchTable(profile)),
      ...renderUnmeasured(profile, 'batch'),
    ]),
    renderSection('length', 'Text-length sweep', [
      ...renderChartGrid([
        charts.renderLengthChart(profile, 'texts'),
        charts.renderLengthChart(profile, 'tokens'),
      ]),
      renderHtmlTable(buildLengthTable(profile)),
      ...renderUnmeasured(profile, 'length'),
    ]),
  ];
}

function renderAnalysis(profile: Profile): string[] {
  const hotspotFacts = analysis.listHotspotFacts(profile);
  return [
    renderSection('memory', 'Memory and leak check', [
      ...renderChartGrid([charts.renderMemoryByBatch(profile), charts.renderLeakChart(profile)]),
      renderHtmlTable(analysis.buildMemoryReadingsTable(profile)),
      renderHtmlTable(analysis.buildBatchMemoryTable(profile)),
      renderHtmlList(analysis.listMemoryFacts(profile)),
    ]),
    renderSection('hotspots', 'Hotspots', [
      ...renderChartGrid([charts.renderStageShares(profile), charts.renderTopOperators(profile)]),
      renderHtmlTable(analysis.buildStageSharesTable(profile)),
      profile.hotspots.operators === null
        ? renderParagraph('No operator trace (analysis off or not an ONNX model).', 'muted')
        : renderHtmlTable(analysis.buildOperatorsTable(profile)),
      ...(hotspotFacts.length === 0 ? [] : [renderHtmlList(hotspotFacts)]),
    ]),
    renderSection('padding', 'Padding', [renderHtmlTable(analysis.buildPaddingTable(profile))]),
    renderSection('experiments', 'Experiments', [renderHtmlTable(analysis.buildExperimentsTable(profile))]),
  ];
}

function renderRecommendations(profile: Profile): string {
  const items = listRecommendations(profile).map((item) => {
    const effect = item.effect === null ? 'a limit, not a speed-up' : `measured effect ${item.effect}`;
    return `<li><strong>${escapeHtmlText(item.title)}</strong>: ${escapeHtmlText(`${item.detail} (${effect}; from ${item.evidence})`)}</li>`;
  });
  const body =
    items.length === 0
      ? renderParagraph('No recommendations (analysis off, or nothing measured was a clear gain).', 'muted')
      : `<ul>\n${items.join('\n')}\n</ul>`;
  return renderSection('recommendations', 'Recommendations', [body]);
}

function renderEnd(profile: Profile): string[] {
  const warnings =
    profile.warnings.length === 0
      ? []
      : [renderSection('warnings', 'Warnings', [renderHtmlList(profile.warnings)])];
  return [
    ...warnings,
    renderSection('method', 'Method and environment', [
      renderHtmlList(METHOD_NOTES),
      renderHtmlTable(buildEnvironmentTable(profile)),
      renderHtmlTable(buildModelTable(profile)),
      renderHtmlTable(buildMethodTable(profile)),
      ...renderSettingsTable(profile),
    ]),
  ];
}

function renderSettingsTable(profile: Profile): string[] {
  const table = buildSettingsTable(profile);
  return table === null ? [] : [renderHtmlTable(table)];
}

function renderHead(profile: Profile): string {
  const title = `embedprof report: ${escapeHtmlText(profile.model.spec, 120)}`;
  return renderDocumentHead({ title, css: REPORT_CSS });
}

/** The whole page. */
export function renderHtmlReport(input: ReportInput): string {
  const { profile, comparison } = input;
  const verdict = describeVerdict(profile, comparison, input.adoption);
  const body = [
    '<header>',
    `<h1>embedprof report: ${escapeHtmlText(profile.model.spec, 200)}</h1>`,
    `<p class="verdict ${verdict.tone}">${formatVerdictText(verdict, escapeHtmlText)}</p>`,
    renderParagraph(describeRunContext(profile, comparison), 'muted'),
    ...[describeBaseHistory(comparison)].flatMap((line) =>
      line === null ? [] : [renderParagraph(line, 'muted')],
    ),
    '</header>',
    '<main>',
    renderSection('summary', 'Summary', [renderHtmlList(listFindings(profile))]),
    ...(comparison === null ? [] : [renderComparison(comparison)]),
    ...renderSweeps(profile, comparison),
    ...renderAnalysis(profile),
    renderRecommendations(profile),
    ...renderEnd(profile),
    '</main>',
    `<footer class="muted"><p>embedprof ${escapeHtmlText(profile.tool.version)}, run of ${escapeHtmlText(formatTimestamp(profile.createdAt))}.</p></footer>`,
  ];
  return `<!DOCTYPE html>\n<html lang="en">\n${renderHead(profile)}\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}

export const reportHtml: Renderer = { file: 'report.html', needs: 'profile', render: renderHtmlReport };

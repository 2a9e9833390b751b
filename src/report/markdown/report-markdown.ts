/**
 * report.md: the full analysis — summary of findings, the comparison (when there is one), both sweeps,
 * memory and the leak check, hotspots, padding, experiments, recommendations with their measured effects,
 * warnings, then method and environment. Not size-capped (it is an artifact, not a comment).
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { buildExperimentsTable, buildPaddingTable } from '../facts/analysis-tables.js';
import { listChangedRows } from '../facts/comparison-facts.js';
import { buildAggregatesTable, buildAllCellsTable, buildChangesTable } from '../facts/comparison-tables.js';
import { escapeMarkdown } from '../text/escape.js';
import { METHOD_NOTES } from '../facts/environment-table.js';
import { renderHeading, renderMarkdownList, renderMarkdownTable } from './markdown-blocks.js';
import type { TextLimits } from './markdown-sections.js';
import * as sections from './markdown-sections.js';
import { renderThroughputMermaid } from './mermaid-chart.js';
import { buildBatchTable, buildLengthTable } from '../facts/profile-tables.js';
import type { Renderer, ReportInput } from '../renderer.js';
import { listFindings } from '../facts/report-findings.js';
import type { TableData } from '../facts/table-data.js';
import { describeVerdict, formatVerdictText } from '../facts/format-verdict.js';

const LIMITS: TextLimits = { aligned: true };

function table(data: TableData): string {
  return renderMarkdownTable(data, LIMITS);
}

function renderComparison(profile: Profile, comparison: Comparison): string {
  const changed = listChangedRows(comparison);
  const chart = renderThroughputMermaid(profile, comparison);
  const parts = [
    sections.renderContextLine(profile, comparison),
    table(buildAggregatesTable(comparison)),
    changed.length === 0
      ? 'No cell changed beyond the thresholds.'
      : table(buildChangesTable(comparison, changed)),
    ...(comparison.overall.notes.length === 0
      ? []
      : [sections.renderNotes(comparison.overall.notes, comparison.overall.notes.length, LIMITS)]),
    `**Reasons**\n\n${renderMarkdownList(comparison.overall.reasons)}`,
    ...(chart === null ? [] : [chart]),
    renderHeading(3, 'Every cell and metric', table(buildAllCellsTable(comparison))),
  ];
  return renderHeading(2, 'Comparison with the baseline', parts.join('\n\n'));
}

function renderSweeps(profile: Profile): string[] {
  const chart = renderThroughputMermaid(profile, null);
  return [
    renderHeading(
      2,
      'Batch-size sweep',
      [
        table(buildBatchTable(profile)),
        ...sections.renderUnmeasuredCells(profile, 'batch', LIMITS),
        ...(chart === null ? [] : [chart]),
      ].join('\n\n'),
    ),
    renderHeading(
      2,
      'Text-length sweep',
      [table(buildLengthTable(profile)), ...sections.renderUnmeasuredCells(profile, 'length', LIMITS)].join(
        '\n\n',
      ),
    ),
  ];
}

function renderPadding(profile: Profile): string {
  const bucketing = profile.padding.bucketing;
  const note =
    bucketing === null
      ? 'Length bucketing was not measured.'
      : `Length-sorted batches (${escapeMarkdown(bucketing.variantLabel)}) vs ${escapeMarkdown(bucketing.baselineLabel)} on the same texts: see Experiments.`;
  return renderHeading(2, 'Padding', `${table(buildPaddingTable(profile))}\n\n${note}`);
}

function renderWarnings(profile: Profile): string[] {
  if (profile.warnings.length === 0) return [];
  return [renderHeading(2, 'Warnings', renderMarkdownList(profile.warnings))];
}

function renderMethod(profile: Profile): string {
  return renderHeading(
    2,
    'Method and environment',
    [renderMarkdownList(METHOD_NOTES), sections.renderEnvironmentSection(profile, LIMITS)].join('\n\n'),
  );
}

/** The whole report. */
export function renderReport(input: ReportInput): string {
  const { profile, comparison } = input;
  const verdict = formatVerdictText(describeVerdict(profile, comparison, input.adoption), escapeMarkdown);
  const parts = [
    `# embedprof report: ${escapeMarkdown(profile.model.spec, 200)}`,
    verdict,
    renderHeading(2, 'Summary', renderMarkdownList(listFindings(profile))),
    ...(comparison === null ? [] : [renderComparison(profile, comparison)]),
    ...renderSweeps(profile),
    renderHeading(2, 'Memory and leak check', sections.renderMemorySection(profile, LIMITS)),
    renderHeading(2, 'Hotspots', sections.renderHotspotsSection(profile, LIMITS)),
    renderPadding(profile),
    renderHeading(2, 'Experiments', table(buildExperimentsTable(profile))),
    renderHeading(2, 'Recommendations', sections.renderRecommendationsSection(profile, LIMITS)),
    ...renderWarnings(profile),
    renderMethod(profile),
  ];
  return `${parts.join('\n\n')}\n`;
}

export const reportMarkdown: Renderer = { file: 'report.md', needs: 'profile', render: renderReport };

/**
 * summary.md, for the job summary ($GITHUB_STEP_SUMMARY): fuller than the comment and not collapsed — every
 * changed cell, the aggregates, reasons and notes, both sweeps and the analysis. GitHub caps a step summary
 * at 1 MiB, so the same priority trimming as the comment applies, counted in UTF-8 bytes.
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { buildExperimentsTable, buildPaddingTable } from '../facts/analysis-tables.js';
import { listChangedRows } from '../facts/comparison-facts.js';
import { buildAggregatesTable, buildAllCellsTable, buildChangesTable } from '../facts/comparison-tables.js';
import { escapeMarkdown } from '../text/escape.js';
import type { Section } from '../facts/fit-sections.js';
import { fitSections } from '../facts/fit-sections.js';
import type { TableData } from '../facts/table-data.js';
import { renderHeading, renderMarkdownList, renderMarkdownTable } from './markdown-blocks.js';
import type { TextLimits } from './markdown-sections.js';
import * as sections from './markdown-sections.js';
import { renderThroughputMermaid } from './mermaid-chart.js';
import { buildBatchTable, buildLengthTable } from '../facts/profile-tables.js';
import type { Renderer, ReportInput } from '../renderer.js';
import { describeVerdict, formatVerdictText } from '../facts/format-verdict.js';

/** GitHub's limit on one step's summary, in bytes. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

const LIMITS: TextLimits = { maxCellChars: 300, maxItemChars: 2000 };

function fixed(priority: number, text: string): Section {
  return { priority, rows: 0, render: () => text };
}

function tableSection(priority: number, title: string, table: TableData): Section {
  return {
    priority,
    rows: table.rows.length,
    render: (keep) => renderHeading(3, title, renderMarkdownTable(table, { ...LIMITS, keepRows: keep })),
  };
}

function listSection(priority: number, title: string, items: readonly string[]): Section[] {
  if (items.length === 0) return [];
  const render = (keep: number) => {
    const omitted = items.length - keep;
    const more = omitted > 0 ? `\n- _${omitted} more omitted; see the artifact._` : '';
    return renderHeading(3, title, `${renderMarkdownList(items.slice(0, keep), LIMITS.maxItemChars)}${more}`);
  };
  return [{ priority, rows: items.length, render }];
}

function buildComparisonSections(comparison: Comparison): Section[] {
  const changed = listChangedRows(comparison);
  return [
    changed.length === 0
      ? fixed(2, renderHeading(3, 'What changed', 'No cell changed beyond the thresholds.'))
      : tableSection(2, 'What changed, worst first', buildChangesTable(comparison, changed)),
    ...listSection(3, 'Notes', comparison.overall.notes),
    tableSection(4, 'Per metric', buildAggregatesTable(comparison)),
    ...listSection(5, 'Reasons', comparison.overall.reasons),
  ];
}

function unmeasured(priority: number, profile: Profile, sweep: 'batch' | 'length'): Section[] {
  return sections.renderUnmeasuredCells(profile, sweep, LIMITS).map((text) => fixed(priority, text));
}

function buildAnalysisSections(profile: Profile, comparison: Comparison | null): Section[] {
  const all = comparison === null ? [] : [tableSection(8, 'All cells', buildAllCellsTable(comparison))];
  const warnings = sections.renderWarnings(profile, LIMITS);
  return [
    ...all,
    tableSection(9, 'Batch-size sweep', buildBatchTable(profile)),
    ...unmeasured(9, profile, 'batch'),
    tableSection(10, 'Text-length sweep', buildLengthTable(profile)),
    ...unmeasured(10, profile, 'length'),
    fixed(11, renderHeading(3, 'Memory and leak check', sections.renderMemorySection(profile, LIMITS))),
    fixed(12, renderHeading(3, 'Hotspots', sections.renderHotspotsSection(profile, LIMITS))),
    tableSection(13, 'Padding', buildPaddingTable(profile)),
    tableSection(13, 'Experiments', buildExperimentsTable(profile)),
    fixed(7, renderHeading(3, 'Recommendations', sections.renderRecommendationsSection(profile, LIMITS))),
    ...(warnings === null ? [] : [fixed(6, warnings)]),
    fixed(14, renderHeading(3, 'Environment', sections.renderEnvironmentSection(profile, LIMITS))),
  ];
}

/** The job summary: verdict line first, every section that fits in 1 MiB. */
export function renderSummary(input: ReportInput): string {
  const { profile, comparison } = input;
  const verdict = formatVerdictText(describeVerdict(profile, comparison, input.adoption), escapeMarkdown);
  const chart = renderThroughputMermaid(profile, comparison);
  const all = [
    fixed(1, sections.renderContextLine(profile, comparison)),
    ...(comparison === null ? [] : buildComparisonSections(comparison)),
    ...(chart === null ? [] : [fixed(6, chart)]),
    ...buildAnalysisSections(profile, comparison),
  ];
  const head = `## embedprof\n\n${verdict}`;
  const body = fitSections(head, all, '', {
    limit: SUMMARY_LIMIT_BYTES - 1,
    measure: (text) => Buffer.byteLength(text, 'utf8'),
  });
  return `${body.trimEnd()}\n`;
}

export const summaryMarkdown: Renderer = { file: 'summary.md', needs: 'profile', render: renderSummary };

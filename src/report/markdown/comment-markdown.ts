/**
 * comment.md, the pull-request comment: the verdict line first, what changed (worst first), the notes, a
 * throughput chart, then collapsed details, and a hidden marker for in-place updates. Always within GitHub's
 * 65,536-character limit: sections are admitted by priority and trimmed (see fit-sections.ts); the verdict
 * line and the marker are never dropped.
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { listChangedRows } from '../facts/comparison-facts.js';
import { buildAttributionTable } from '../facts/attribution-table.js';
import { buildAllCellsTable, buildAggregatesTable, buildChangesTable } from '../facts/comparison-tables.js';
import { escapeMarkdown } from '../text/escape.js';
import type { Section } from '../facts/fit-sections.js';
import { fitSections } from '../facts/fit-sections.js';
import { renderDetails, renderMarkdownList, renderMarkdownTable } from './markdown-blocks.js';
import type { TextLimits } from './markdown-sections.js';
import * as sections from './markdown-sections.js';
import { renderThroughputMermaid } from './mermaid-chart.js';
import { buildBatchTable, buildLengthTable } from '../facts/profile-tables.js';
import type { Renderer, ReportInput } from '../renderer.js';
import { describeVerdict, formatVerdictText } from '../facts/format-verdict.js';

/** The hidden marker a bot finds its own comment by. Appears exactly once in comment.md. */
export const COMMENT_MARKER = '<!-- embedprof-comment -->';
/** GitHub's limit on a comment body, in characters. */
export const COMMENT_LIMIT = 65_536;

const LIMITS: TextLimits = { maxCellChars: 120, maxItemChars: 600 };

function fixed(priority: number, text: string): Section {
  return { priority, rows: 0, render: () => text };
}

function collapsed(priority: number, summary: string, body: (keep: number) => string, rows = 0): Section {
  return { priority, rows, maxShare: 0.25, render: (keep) => renderDetails(summary, body(keep)) };
}

/** Sections shown open (before the chart) and collapsed (after it). */
interface SectionGroups {
  open: Section[];
  collapsed: Section[];
}

/** Why no cell is listed as changed: none did, or (duet mode) the base failed where it would have been compared. */
function describeNoChange(comparison: Comparison): string {
  const failed = comparison.overall.baseFailures.length;
  if (failed === 0) return 'No cell changed beyond the thresholds.';
  return `No cell changed beyond the thresholds among those compared; the base failed in ${failed} cell(s), which were not compared.`;
}

function buildChangesSection(comparison: Comparison): Section {
  const changed = listChangedRows(comparison);
  if (changed.length === 0) return fixed(2, describeNoChange(comparison));
  const table = buildChangesTable(comparison, changed);
  return {
    priority: 2,
    rows: changed.length,
    maxShare: 0.45,
    render: (keep) => renderMarkdownTable(table, { ...LIMITS, keepRows: keep }),
  };
}

function buildComparisonSections(comparison: Comparison): SectionGroups {
  const all = buildAllCellsTable(comparison);
  const notes = comparison.overall.notes;
  const allCells = (keep: number) =>
    [
      renderMarkdownTable(buildAggregatesTable(comparison), LIMITS),
      renderMarkdownTable(all, { ...LIMITS, keepRows: keep }),
      `**Reasons**\n\n${renderMarkdownList(comparison.overall.reasons.slice(0, 20), LIMITS.maxItemChars)}`,
    ].join('\n\n');
  const notesSection: Section = {
    priority: 3,
    rows: notes.length,
    maxShare: 0.15,
    render: (keep) => sections.renderNotes(notes, keep, LIMITS),
  };
  const where = buildAttributionTable(comparison);
  const whereSection =
    where === null
      ? []
      : [
          fixed(
            2,
            `**${where.caption}**

${renderMarkdownTable(where, LIMITS)}`,
          ),
        ];
  return {
    open: [buildChangesSection(comparison), ...whereSection, ...(notes.length === 0 ? [] : [notesSection])],
    collapsed: [collapsed(6, 'All cells', allCells, all.rows.length)],
  };
}

function buildProfileSections(profile: Profile): SectionGroups {
  const batch = buildBatchTable(profile);
  const length = buildLengthTable(profile);
  const renderLength = (keep: number) =>
    [
      renderMarkdownTable(length, { ...LIMITS, keepRows: keep }),
      ...sections.renderUnmeasuredCells(profile, 'length', LIMITS),
    ].join('\n\n');
  return {
    open: [
      {
        priority: 2,
        rows: batch.rows.length,
        render: (keep) =>
          [
            renderMarkdownTable(batch, { ...LIMITS, keepRows: keep }),
            ...sections.renderUnmeasuredCells(profile, 'batch', LIMITS),
          ].join('\n\n'),
      },
    ],
    collapsed: [collapsed(6, 'Text-length sweep', renderLength, length.rows.length)],
  };
}

function buildSections(input: ReportInput): Section[] {
  const { profile, comparison } = input;
  const chart = renderThroughputMermaid(profile, comparison);
  const groups = comparison === null ? buildProfileSections(profile) : buildComparisonSections(comparison);
  return [
    fixed(1, sections.renderContextLine(profile, comparison)),
    ...groups.open,
    ...(chart === null ? [] : [fixed(5, chart)]),
    ...groups.collapsed,
    collapsed(7, 'Memory and leak check', () => sections.renderMemorySection(profile, LIMITS)),
    collapsed(8, 'Hotspots', () => sections.renderHotspotsSection(profile, LIMITS)),
    collapsed(4, 'Recommendations', () => sections.renderRecommendationsSection(profile, LIMITS)),
    collapsed(9, 'Environment', () => sections.renderEnvironmentSection(profile, LIMITS)),
  ];
}

/** The comment body: verdict line first, marker last, at most COMMENT_LIMIT characters. */
export function renderComment(input: ReportInput): string {
  const verdict = formatVerdictText(
    describeVerdict(input.profile, input.comparison, input.adoption),
    escapeMarkdown,
  );
  const body = fitSections(verdict, buildSections(input), COMMENT_MARKER, {
    limit: COMMENT_LIMIT - 1,
    measure: (text) => text.length,
  });
  return `${body}\n`;
}

export const commentMarkdown: Renderer = { file: 'comment.md', needs: 'profile', render: renderComment };

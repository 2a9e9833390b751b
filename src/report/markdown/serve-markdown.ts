/**
 * The serve report in Markdown (serve-profile.json): the knee line first — what a reviewer reads in ten
 * seconds — then the context, each texts-per-request sweep (its knee, the p95 at the reference rate, a row per
 * offered rate, TEI's timing split, capped and failed requests), the server (cold start, RSS), warnings, and
 * the plan and machine. renderServeCommentSection is the short form for a pull-request comment (the curve
 * itself is an image from the artifact: serve-curve-chart.ts).
 */
import type { ServeProfile, ServeSweep } from '../../measure/serve/serve-profile-schema.js';
import { selectVerdictEmoji } from '../facts/format-verdict.js';
import {
  describeKnee,
  describeReference,
  describeServeContext,
  describeServeHeadline,
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
import type { TableData } from '../facts/table-data.js';
import { escapeMarkdown } from '../text/escape.js';
import type { MarkdownTableOptions } from './markdown-blocks.js';
import { renderDetails, renderHeading, renderMarkdownList, renderMarkdownTable } from './markdown-blocks.js';

/** The report is an artifact: aligned tables, nothing cut. */
const REPORT_TABLES: MarkdownTableOptions = { aligned: true };
/** A comment is size-bound: compact tables, long cells cut. */
const COMMENT_TABLES: MarkdownTableOptions = { maxCellChars: 120 };
const COMMENT_MAX_ITEM_CHARS = 600;

/** "✅ Knee: …" — the first line of both forms. */
export function renderServeHeadline(profile: ServeProfile): string {
  const headline = describeServeHeadline(profile);
  return `${selectVerdictEmoji(headline.tone)} ${headline.text}`;
}

/** "Knee: 212 req/s (95 % CI 198–224). p95 at the reference rate 50 req/s: 23.4 ms [21.0–25.8]." */
function describeSweepLine(sweep: ServeSweep): string {
  const reference = describeReference(sweep);
  return `Knee: ${describeKnee(sweep.knee)}.${reference === null ? '' : ` ${reference}.`}`;
}

/** A table under its caption in bold (Markdown tables have no caption of their own). */
function renderCaptioned(table: TableData, options: MarkdownTableOptions): string {
  return `**${escapeMarkdown(table.caption)}**\n\n${renderMarkdownTable(table, options)}`;
}

function renderSweep(sweep: ServeSweep, profile: ServeProfile, options: MarkdownTableOptions): string {
  const timing = buildServeTimingTable(sweep);
  const notes = listSweepNotes(sweep, profile.plan);
  const parts = [
    describeSweepLine(sweep),
    renderMarkdownTable(buildServeRateTable(sweep, profile), options),
    ...(timing === null ? [] : [renderCaptioned(timing, options)]),
    ...(notes.length === 0 ? [] : [renderMarkdownList(notes)]),
  ];
  return renderHeading(2, describeTextsPerRequest(sweep.textsPerRequest), parts.join('\n\n'));
}

function renderTables(tables: readonly (TableData | null)[]): string {
  return tables
    .flatMap((table) => (table === null ? [] : [renderCaptioned(table, REPORT_TABLES)]))
    .join('\n\n');
}

/** The whole serve report (serve-report.md). */
export function renderServeMarkdown(profile: ServeProfile): string {
  const parts = [
    renderServeHeadline(profile),
    describeServeContext(profile, escapeMarkdown),
    ...profile.sweeps.map((sweep) => renderSweep(sweep, profile, REPORT_TABLES)),
    renderHeading(2, 'Server', renderMarkdownTable(buildServeServerTable(profile), REPORT_TABLES)),
    ...(profile.warnings.length === 0
      ? []
      : [renderHeading(2, 'Warnings', renderMarkdownList(profile.warnings))]),
    renderHeading(
      2,
      'Method and environment',
      renderTables([
        buildServePlanTable(profile),
        buildServeEnvironmentTable(profile),
        buildServeSettingsTable(profile),
      ]),
    ),
  ];
  return `${parts.join('\n\n')}\n`;
}

/** One line per sweep: "**8 texts per request**: knee 212 req/s (95 % CI 198–224); p95 at the reference rate …". */
function renderSweepSummary(sweeps: readonly ServeSweep[]): string {
  return sweeps
    .map((sweep) => {
      const reference = describeReference(sweep);
      const knee = `knee ${describeKnee(sweep.knee)}${reference === null ? '' : `; ${reference}`}`;
      return `- **${describeTextsPerRequest(sweep.textsPerRequest)}**: ${knee}`;
    })
    .join('\n');
}

/**
 * The short form for a pull-request comment: the knee line, the context, a line per sweep, then collapsed:
 * compact rate tables (TEI's timing split stays in the report), the server, the first warnings.
 */
export function renderServeCommentSection(profile: ServeProfile): string {
  const tables = profile.sweeps.map((sweep) =>
    renderCaptioned(buildServeRateTable(sweep, profile, 'compact'), COMMENT_TABLES),
  );
  const warnings = profile.warnings.slice(0, 10);
  const parts = [
    renderServeHeadline(profile),
    describeServeContext(profile, escapeMarkdown),
    renderSweepSummary(profile.sweeps),
    renderDetails('Latency by offered rate', tables.join('\n\n')),
    renderDetails('Server', renderMarkdownTable(buildServeServerTable(profile), COMMENT_TABLES)),
    ...(warnings.length === 0
      ? []
      : [renderDetails('Warnings', renderMarkdownList(warnings, COMMENT_MAX_ITEM_CHARS))]),
  ];
  return `${parts.join('\n\n')}\n`;
}

/**
 * Public API of the report module: every output format behind one interface, pure functions of the profile
 * and the optional comparison. Writing the files is the caller's business.
 */
import { commentMarkdown } from './comment-markdown.js';
import { comparisonCsv, profileCsv } from './csv.js';
import type { Renderer, ReportInput } from './renderer.js';
import { reportHtml } from './report-html.js';
import { reportMarkdown } from './report-markdown.js';
import { summaryMarkdown } from './summary-markdown.js';

export type { Renderer, ReportInput } from './renderer.js';
export { COMMENT_LIMIT, COMMENT_MARKER, renderComment } from './comment-markdown.js';
export { SUMMARY_LIMIT_BYTES, renderSummary } from './summary-markdown.js';
export { renderReport } from './report-markdown.js';
export { renderHtmlReport } from './report-html.js';
export { COMPARISON_CSV_HEADER, PROFILE_CSV_HEADER, renderComparisonCsv, renderProfileCsv } from './csv.js';
export { escapeHtml, escapeHtmlText, escapeMarkdown, sanitizeText } from './escape.js';
export { CHART_NAMES } from './html-charts.js';
export type { VerdictParts, VerdictTone } from './text/format-verdict.js';
export { describeVerdict, formatVerdictText } from './text/format-verdict.js';
export { describeRunContext } from './run-context.js';
export { renderHistorySite, type HistorySiteContext } from './history-site/index.js';
export { commentMarkdown, comparisonCsv, profileCsv, reportHtml, reportMarkdown, summaryMarkdown };

/** Every renderer, in the order their files are written. */
export const RENDERERS: readonly Renderer[] = [
  commentMarkdown,
  summaryMarkdown,
  reportMarkdown,
  reportHtml,
  profileCsv,
  comparisonCsv,
];

export interface RenderedFile {
  file: string;
  content: string;
}

/** Renders every file that applies: those needing a comparison are left out without one. */
export function renderAll(input: ReportInput): RenderedFile[] {
  return RENDERERS.filter((renderer) => renderer.needs === 'profile' || input.comparison !== null).map(
    (renderer) => ({ file: renderer.file, content: renderer.render(input) }),
  );
}

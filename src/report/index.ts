/**
 * Public API of the report module: every output format behind one interface, pure functions of the profile
 * and the optional comparison. Writing the files is the caller's business.
 */
import { commentMarkdown } from './markdown/comment-markdown.js';
import { comparisonCsv, profileCsv } from './export/csv.js';
import type { Renderer, ReportInput } from './renderer.js';
import { reportHtml } from './html/report-html.js';
import { reportMarkdown } from './markdown/report-markdown.js';
import { summaryMarkdown } from './markdown/summary-markdown.js';

export type { Renderer, ReportInput } from './renderer.js';
export { COMMENT_LIMIT, COMMENT_MARKER, renderComment } from './markdown/comment-markdown.js';
export { SUMMARY_LIMIT_BYTES, renderSummary } from './markdown/summary-markdown.js';
export { renderReport } from './markdown/report-markdown.js';
export { renderHtmlReport } from './html/report-html.js';
export {
  COMPARISON_CSV_HEADER,
  PROFILE_CSV_HEADER,
  renderComparisonCsv,
  renderProfileCsv,
} from './export/csv.js';
export { escapeHtml, escapeHtmlText, escapeMarkdown, sanitizeText } from './text/escape.js';
export { CHART_NAMES } from './html/html-charts.js';
export type { VerdictParts, VerdictTone } from './facts/format-verdict.js';
export { describeVerdict, formatVerdictText } from './facts/format-verdict.js';
export { describeRunContext } from './facts/run-context.js';
export { renderHistorySite, type HistorySiteContext } from './site/index.js';
export { SERVE_RENDERERS, renderServeAll, type ServeRenderer } from './serve-renderers.js';
export { renderServeCommentSection, renderServeMarkdown } from './markdown/serve-markdown.js';
export { renderServeHtml, renderServeHtmlSections } from './html/serve-html.js';
export {
  SERVE_CHART_CSS,
  SERVE_CURVE_CHART,
  renderServeCurve,
  renderServeCurveImage,
} from './html/serve-curve-chart.js';
export { SERVE_CSV_HEADER, renderServeCsv } from './export/serve-csv.js';
export type { ServeDuetView } from './facts/serve-duet-facts.js';
export { describeServeDuetVerdict } from './facts/serve-duet-facts.js';
export { SERVE_DUET_RENDERERS, renderServeDuetAll, type ServeDuetRenderer } from './serve-duet-renderers.js';
export {
  SERVE_DUET_CURVE_FILE,
  renderServeDuetComment,
  renderServeDuetCommentSection,
  renderServeDuetMarkdown,
  renderServeDuetVerdict,
} from './markdown/serve-duet-markdown.js';
export { renderServeDuetHtml, renderServeDuetHtmlSections } from './html/serve-duet-html.js';
export {
  SERVE_DUET_CHART_CSS,
  SERVE_DUET_CURVE_CHART,
  renderServeDuetCurve,
  renderServeDuetCurveImage,
} from './html/serve-duet-curve.js';
export { formatServeDuetSummary } from './terminal/format-serve-duet-summary.js';
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

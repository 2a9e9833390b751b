/**
 * The serve duet's report in Markdown (serve-comparison.md): the verdict line first — what a reviewer reads in
 * ten seconds — then who was compared and how, a table per texts-per-request sweep (base, head, change with
 * its 95 % CI, verdict, smallest detectable change) with each metric's reason and its pairs in words, the
 * curve, and each side's rates. renderServeDuetCommentSection is the size-bound form for a pull-request comment.
 */
import type { ServeComparison } from '../../decide/compare/serve-comparison-schema.js';
import type { ServeProfile } from '../../measure/serve/serve-profile-schema.js';
import { formatVerdictText } from '../facts/format-verdict.js';
import type { ServeDuetView } from '../facts/serve-duet-facts.js';
import {
  describeServeDuetContext,
  describeServeDuetVerdict,
  describeSweepHeading,
} from '../facts/serve-duet-facts.js';
import { buildServeDuetTable, listServeDuetNotes } from '../facts/serve-duet-tables.js';
import { describeTextsPerRequest } from '../facts/serve-facts.js';
import { buildServeRateTable } from '../facts/serve-tables.js';
import { escapeMarkdown } from '../text/escape.js';
import { COMMENT_MARKER } from './comment-markdown.js';
import type { MarkdownTableOptions } from './markdown-blocks.js';
import { renderDetails, renderHeading, renderMarkdownList, renderMarkdownTable } from './markdown-blocks.js';
import { renderServeDuetMermaid } from './serve-mermaid.js';

/** The standalone curve the renderer list writes beside the report (SERVE_DUET_RENDERERS). */
export const SERVE_DUET_CURVE_FILE = 'serve-comparison-curve.svg';

const REPORT_TABLES: MarkdownTableOptions = { aligned: true };
const COMMENT_TABLES: MarkdownTableOptions = { maxCellChars: 120 };
const COMMENT_MAX_ITEM_CHARS = 600;
/** Most verdict and pair notes a comment lists (the report has them all). */
const COMMENT_MAX_ITEMS = 20;
/** Longest side label in a heading. */
const MAX_LABEL_CHARS = 120;

/** "❌ Regression: knee −18.2 % [−24.0, −12.1] at 8 texts/request" — the first line of both forms. */
export function renderServeDuetVerdict(comparison: ServeComparison): string {
  return formatVerdictText(describeServeDuetVerdict(comparison), escapeMarkdown);
}

/** The curve as an image, when the caller has a URL for it (http or https only). */
export function renderCurveImage(url: string | null): string | null {
  if (url === null || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  return `![Rate–latency curves of base and head](${href})`;
}

function renderSweep(view: ServeDuetView, index: number, options: MarkdownTableOptions): string {
  const sweep = view.comparison.sweeps[index];
  if (sweep === undefined) return '';
  return renderHeading(
    2,
    describeSweepHeading(sweep),
    `${renderMarkdownTable(buildServeDuetTable(sweep), options)}\n\n${renderMarkdownList(listServeDuetNotes(sweep))}`,
  );
}

/** One side's rate tables, one per sweep. */
function renderSide(
  title: string,
  profile: ServeProfile,
  options: MarkdownTableOptions,
  width: 'full' | 'compact',
): string {
  const tables = profile.sweeps.map(
    (sweep) =>
      `**${describeTextsPerRequest(sweep.textsPerRequest)}**\n\n${renderMarkdownTable(buildServeRateTable(sweep, profile, width), options)}`,
  );
  return `${title}\n\n${tables.join('\n\n')}`;
}

/** The whole report (serve-comparison.md); the curve is the image beside it. */
export function renderServeDuetMarkdown(view: ServeDuetView): string {
  const { comparison } = view;
  const parts = [
    renderServeDuetVerdict(comparison),
    describeServeDuetContext(view, escapeMarkdown),
    ...comparison.sweeps.map((_, index) => renderSweep(view, index, REPORT_TABLES)),
    renderHeading(
      2,
      'Latency against offered rate',
      `![Rate–latency curves of base and head](${SERVE_DUET_CURVE_FILE})`,
    ),
    renderHeading(
      2,
      'Base',
      renderSide(
        `Base: ${escapeMarkdown(view.baseLabel, MAX_LABEL_CHARS)}`,
        view.base,
        REPORT_TABLES,
        'full',
      ),
    ),
    renderHeading(
      2,
      'Head',
      renderSide(
        `Head: ${escapeMarkdown(view.headLabel, MAX_LABEL_CHARS)}`,
        view.head,
        REPORT_TABLES,
        'full',
      ),
    ),
  ];
  return `${parts.join('\n\n')}\n`;
}

/** The sweeps' base and head curves as Mermaid charts (a comment shows no image from an artifact). */
function listMermaidCurves(view: ServeDuetView): string[] {
  const plan = view.head.plan;
  return view.head.sweeps.flatMap((head) => {
    const base = view.base.sweeps.find((sweep) => sweep.textsPerRequest === head.textsPerRequest);
    const chart = base === undefined ? null : renderServeDuetMermaid({ plan, base, head });
    return chart === null ? [] : [chart];
  });
}

/** The whole pull-request comment: the marker that finds it again, then the comment section. */
export function renderServeDuetComment(view: ServeDuetView): string {
  return `${COMMENT_MARKER}\n${renderServeDuetCommentSection(view, null)}`;
}

/**
 * The short form for a pull-request comment: the verdict line, the context, a table per sweep, the curve as
 * an image (when `curveUrl` is an http(s) URL; else each sweep's as a Mermaid chart), then collapsed: each metric's reason and pairs in words, and each
 * side's rates. Lists are capped and long cells cut, so its size is bounded by the sweeps and rates.
 */
export function renderServeDuetCommentSection(view: ServeDuetView, curveUrl: string | null): string {
  const { comparison } = view;
  const tables = comparison.sweeps.map(
    (sweep) =>
      `**${describeSweepHeading(sweep)}**\n\n${renderMarkdownTable(buildServeDuetTable(sweep), COMMENT_TABLES)}`,
  );
  const image = renderCurveImage(curveUrl);
  const charts = listMermaidCurves(view);
  const notes = comparison.sweeps.flatMap(listServeDuetNotes).slice(0, COMMENT_MAX_ITEMS);
  const sides = [
    renderSide(
      `**Base**: ${escapeMarkdown(view.baseLabel, MAX_LABEL_CHARS)}`,
      view.base,
      COMMENT_TABLES,
      'compact',
    ),
    renderSide(
      `**Head**: ${escapeMarkdown(view.headLabel, MAX_LABEL_CHARS)}`,
      view.head,
      COMMENT_TABLES,
      'compact',
    ),
  ];
  const parts = [
    renderServeDuetVerdict(comparison),
    describeServeDuetContext(view, escapeMarkdown),
    ...tables,
    ...(image === null ? charts : [image]),
    renderDetails('Verdicts and pairs', renderMarkdownList(notes, COMMENT_MAX_ITEM_CHARS)),
    renderDetails('Latency by offered rate', sides.join('\n\n')),
  ];
  return `${parts.join('\n\n')}\n`;
}

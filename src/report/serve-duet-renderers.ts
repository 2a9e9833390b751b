/**
 * The files of a serve duet (a base and a head server compared), each a pure function of the ServeDuetView,
 * in the order they are written: the Markdown report, the HTML page with both curves, and the curve as a
 * standalone SVG image (for an artifact, or the pull-request comment's image; the Markdown report links it).
 * The comment section (renderServeDuetCommentSection) takes the image's URL and is the caller's to post.
 */
import type { ServeDuetView } from './facts/serve-duet-facts.js';
import { renderServeDuetCurveImage } from './html/serve-duet-curve.js';
import { renderServeDuetHtml } from './html/serve-duet-html.js';
import { renderServeDuetMarkdown, SERVE_DUET_CURVE_FILE } from './markdown/serve-duet-markdown.js';

export interface ServeDuetRenderer {
  /** The file name it writes, e.g. "serve-comparison.md". */
  file: string;
  render(view: ServeDuetView): string;
}

export const SERVE_DUET_RENDERERS: readonly ServeDuetRenderer[] = [
  { file: 'serve-comparison.md', render: renderServeDuetMarkdown },
  { file: 'serve-comparison.html', render: renderServeDuetHtml },
  { file: SERVE_DUET_CURVE_FILE, render: renderServeDuetCurveImage },
];

/** Every serve duet file's name and content. */
export function renderServeDuetAll(view: ServeDuetView): { file: string; content: string }[] {
  return SERVE_DUET_RENDERERS.map((renderer) => ({ file: renderer.file, content: renderer.render(view) }));
}

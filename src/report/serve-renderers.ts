/**
 * The files of a serve run (serve-profile.json), each a pure function of the profile, in the order they are
 * written: the Markdown report, the HTML page with the curve, the CSV rows per rate and the curve as a
 * standalone SVG image (for an artifact, or a pull-request comment's image). Writing them is the caller's.
 */
import type { ServeProfile } from '../measure/serve/serve-profile-schema.js';
import { renderServeCsv } from './export/serve-csv.js';
import { renderServeCurveImage } from './html/serve-curve-chart.js';
import { renderServeHtml } from './html/serve-html.js';
import { renderServeMarkdown } from './markdown/serve-markdown.js';

export interface ServeRenderer {
  /** The file name it writes, e.g. "serve-report.md". */
  file: string;
  render(profile: ServeProfile): string;
}

export const SERVE_RENDERERS: readonly ServeRenderer[] = [
  { file: 'serve-report.md', render: renderServeMarkdown },
  { file: 'serve-report.html', render: renderServeHtml },
  { file: 'serve-profile.csv', render: renderServeCsv },
  { file: 'serve-curve.svg', render: renderServeCurveImage },
];

/** Every serve file's name and content. */
export function renderServeAll(profile: ServeProfile): { file: string; content: string }[] {
  return SERVE_RENDERERS.map((renderer) => ({ file: renderer.file, content: renderer.render(profile) }));
}

/**
 * The marks of the rate–latency curve that are not data lines: the latency objective (a horizontal line),
 * each series' knee (a vertical line over its interval band, or a note on the plot's edge when the knee lies
 * outside the rates measured), and the second legend row that keys the line styles.
 */
import { escapeHtmlText } from '../text/escape.js';
import type { AxisScale } from './svg-axis-scale.js';
import type { PlotArea } from './svg-frame.js';
import { formatCoord, renderText } from './svg-frame.js';

export type CurveKnee =
  | { kind: 'found'; rate: number; low: number; high: number; label: string; tooltip: string }
  /** side 'low': the knee is below the lowest rate; 'high': above the highest. */
  | { kind: 'note'; side: 'low' | 'high'; label: string };

/** Second legend row (the first holds the series' colours). */
export const STYLE_LEGEND_Y = 36;

function renderVertical(className: string, x: number, area: PlotArea): string {
  const at = formatCoord(x);
  return `<line class="${className}" x1="${at}" x2="${at}" y1="${area.top}" y2="${area.top + area.height}"/>`;
}

/** Marks drawn under the data lines, and labels drawn over them (with a halo, see SERVE_CHART_CSS). */
export interface Layered {
  under: string;
  over: string;
}

/** A knee: its interval band and line (under), a label near the top staggered by series (over). */
export function renderKnee(
  knee: CurveKnee,
  className: string,
  index: number,
  x: AxisScale,
  area: PlotArea,
): Layered {
  switch (knee.kind) {
    case 'found': {
      const [left, right, at] = [x.map(knee.low), x.map(knee.high), x.map(knee.rate)];
      const band = `<rect class="knee-band" data-mark="knee-interval" x="${formatCoord(left)}" y="${area.top}" width="${formatCoord(Math.max(1, right - left))}" height="${area.height}"/>`;
      const anchor = at < area.left + area.width * 0.7 ? 'start' : 'end';
      const label = renderText(
        at + (anchor === 'start' ? 5 : -5),
        area.top + 14 + index * 14,
        knee.label,
        'marker-label',
        anchor,
      );
      const title = `<title>${escapeHtmlText(knee.tooltip, 300)}</title>`;
      return {
        under: `<g class="knee ${className}" data-mark="knee" data-rate="${knee.rate}">${title}${band}${renderVertical('knee-line', at, area)}</g>`,
        over: `<g class="knee ${className}" data-mark="knee-label">${label}</g>`,
      };
    }
    case 'note': {
      // Below every rate, latency is high (the plot's top is full): the note goes bottom left; above every
      // rate, latency is low: top right.
      const text =
        knee.side === 'low'
          ? renderText(
              area.left + 6,
              area.top + area.height - 8 - index * 14,
              `← ${knee.label}`,
              'marker-label',
              'start',
            )
          : renderText(
              area.left + area.width - 6,
              area.top + 14 + index * 14,
              `${knee.label} →`,
              'marker-label',
              'end',
            );
      return { under: '', over: `<g class="knee-note ${className}" data-mark="knee-note">${text}</g>` };
    }
  }
}

/** The latency objective across the plot (under), labelled at its right end (over). */
export function renderObjective(
  objective: { value: number; label: string },
  y: AxisScale,
  area: PlotArea,
): Layered {
  const at = y.map(objective.value);
  const line = `<line x1="${area.left}" x2="${area.left + area.width}" y1="${formatCoord(at)}" y2="${formatCoord(at)}"/>`;
  const label = renderText(area.left + area.width - 4, at - 5, objective.label, 'marker-label', 'end');
  return {
    under: `<g class="reference bad" data-mark="objective">${line}</g>`,
    over: `<g class="reference bad" data-mark="objective-label">${label}</g>`,
  };
}

export interface StyleSample {
  label: string;
  /** The sample's marks, drawn from x to x + 22 around y. */
  draw: (x: number, y: number) => string;
}

export const segment = (className: string) => (x: number, y: number) =>
  `<line class="${className}" x1="${formatCoord(x)}" x2="${formatCoord(x + 22)}" y1="${formatCoord(y)}" y2="${formatCoord(y)}"/>`;

/** The samples of the quantiles drawn (p50, p95 with its band, p99), the objective and the knee. */
export function listCurveSamples(quantiles: readonly string[] = ['p50', 'p95', 'p99']): StyleSample[] {
  const lines: (StyleSample & { quantile: string })[] = [
    {
      quantile: 'p50',
      label: 'p50',
      draw: (x, y) => `<g class="series neutral">${segment('line p50')(x, y)}</g>`,
    },
    {
      quantile: 'p95',
      label: 'p95 + 95 % CI',
      draw: (x, y) =>
        `<g class="series neutral"><rect class="band" x="${formatCoord(x)}" y="${formatCoord(y - 5)}" width="22" height="10"/>${segment('line p95')(x, y)}</g>`,
    },
    {
      quantile: 'p99',
      label: 'p99',
      draw: (x, y) => `<g class="series neutral">${segment('line p99')(x, y)}</g>`,
    },
  ];
  return [
    ...lines.filter((line) => quantiles.includes(line.quantile)),
    { label: 'objective', draw: (x, y) => `<g class="reference bad">${segment('')(x, y)}</g>` },
    {
      label: 'knee + 95 % CI',
      draw: (x, y) =>
        `<g class="knee neutral"><rect class="knee-band" x="${formatCoord(x + 6)}" y="${formatCoord(y - 6)}" width="10" height="12"/><line class="knee-line" x1="${formatCoord(x + 11)}" x2="${formatCoord(x + 11)}" y1="${formatCoord(y - 6)}" y2="${formatCoord(y + 6)}"/></g>`,
    },
  ];
}

/**
 * The line styles' key: by default p50 dashed, p95 solid over its band, p99 dotted, the objective and the
 * knee; a chart may pass its own samples (a duet's base and head styles).
 */
export function renderCurveLegend(samples: readonly StyleSample[] = listCurveSamples(), x = 8): string {
  let left = x;
  const parts = samples.map((sample) => {
    const marks = sample.draw(left, STYLE_LEGEND_Y - 4);
    const label = renderText(left + 28, STYLE_LEGEND_Y, sample.label, '', 'start');
    left += 28 + Array.from(sample.label).length * 6.2 + 16;
    return `${marks}${label}`;
  });
  return `<g class="legend">${parts.join('')}</g>`;
}

/**
 * Shared pieces of the inline SVG charts: linear scales with round ticks, the accessible <svg> wrapper
 * (role="img", <title>, <desc>, data-chart) and the legend. Colours come from CSS classes (see html-style.ts),
 * so the charts follow the light and dark themes. Every text drawn here is HTML-escaped.
 */
import { escapeHtmlText, sanitizeText } from '../text/escape.js';
import { formatQuantity } from '../text/format-numbers.js';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;

/** The plot area inside the chart, in SVG units. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Legend on top (y 16), value-axis label above the plot (y 38), category labels and axis title below. */
export const DEFAULT_AREA: PlotArea = {
  left: 64,
  top: 48,
  width: CHART_WIDTH - 64 - 24,
  height: CHART_HEIGHT - 48 - 48,
};
export const LEGEND_Y = 16;

export interface Scale {
  min: number;
  max: number;
  map(value: number): number;
}

/** Maps [min, max] onto [from, to] (to < from for a y axis). */
export function createScale(min: number, max: number, from: number, to: number): Scale {
  const span = max - min || 1;
  return { min, max, map: (value) => from + ((value - min) / span) * (to - from) };
}

/** About `count` round tick values covering [min, max]: steps of 1, 2 or 5 × 10^k. */
export function computeTicks(min: number, max: number, count = 5): number[] {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return [min];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
  const first = Math.ceil(min / step) * step;
  // ticks are kept to 12 digits: a span below that resolution (412.3 and 412.3 + 1e-13) has no ticks of its own
  if (step <= Math.max(Math.abs(min), Math.abs(max)) * 1e-11) return [min];
  const steps = Math.floor((max - first) / step + 1e-9) + 1;
  return Array.from({ length: Math.max(0, steps) }, (_, index) =>
    Number((first + index * step).toPrecision(12)),
  );
}

/** A round upper bound for a value axis that starts at zero. */
export function roundUp(largest: number): number {
  const ticks = computeTicks(0, largest > 0 ? largest : 1);
  const last = ticks[ticks.length - 1] ?? 1;
  const step = ticks.length > 1 ? last - (ticks[ticks.length - 2] ?? 0) : last;
  return last >= largest ? last : last + step;
}

/** "M x y" numbers with at most one decimal, for compact, stable output. */
export function formatCoord(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function renderText(x: number, y: number, text: string, className = '', anchor = 'middle'): string {
  const cls = className === '' ? '' : ` class="${className}"`;
  return `<text x="${formatCoord(x)}" y="${formatCoord(y)}" text-anchor="${anchor}"${cls}>${escapeHtmlText(text, 80)}</text>`;
}

/** Horizontal grid lines and labels of a value axis (tick labels by `formatTick`, default formatQuantity). */
export function renderValueAxis(
  scale: Scale,
  area: PlotArea,
  label: string,
  formatTick: (tick: number) => string = formatQuantity,
): string {
  const ticks = computeTicks(scale.min, scale.max).map((tick) => {
    const y = scale.map(tick);
    const line = `<line class="grid" x1="${formatCoord(area.left)}" x2="${formatCoord(area.left + area.width)}" y1="${formatCoord(y)}" y2="${formatCoord(y)}"/>`;
    return `${line}${renderText(area.left - 6, y + 4, formatTick(tick), 'tick', 'end')}`;
  });
  const title = renderText(area.left - 56, area.top - 10, label, 'axis-label', 'start');
  return `<g class="axis">${ticks.join('')}${title}</g>`;
}

export interface LegendItem {
  label: string;
  className: string;
}

/** Approximate width of a label at the chart font size (11 px), for laying out the legend. */
function estimateTextWidth(text: string): number {
  return Array.from(text).length * 6.2;
}

/** A row of swatches above the plot, each after the previous one's label. */
export function renderLegend(items: readonly LegendItem[], y = LEGEND_Y, x = DEFAULT_AREA.left - 56): string {
  let left = x;
  const parts = items.map((item) => {
    const swatch = `<rect class="${item.className}" x="${formatCoord(left)}" y="${formatCoord(y - 9)}" width="12" height="12" rx="2"/>`;
    const label = renderText(left + 18, y + 1, item.label, '', 'start');
    left += 18 + estimateTextWidth(sanitizeText(item.label, 80)) + 20;
    return `${swatch}${label}`;
  });
  return `<g class="legend">${parts.join('')}</g>`;
}

export interface ChartFrame {
  /** The data-chart attribute, e.g. "throughput-vs-batch". */
  name: string;
  title: string;
  /** A sentence for screen readers: what the chart shows and its main numbers. */
  description: string;
  /** The visible caption under (or, by CSS, above) the chart; default the title. */
  caption?: string;
  width?: number;
  height?: number;
}

/** The accessible <figure><svg role="img" …> wrapper around a chart body. */
export function renderChart(frame: ChartFrame, body: string): string {
  const width = frame.width ?? CHART_WIDTH;
  const height = frame.height ?? CHART_HEIGHT;
  const id = `chart-${frame.name}`;
  return [
    `<figure class="chart">`,
    `<svg role="img" data-chart="${frame.name}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeHtmlText(frame.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtmlText(frame.description)}</desc>`,
    body,
    `</svg>`,
    `<figcaption>${escapeHtmlText(frame.caption ?? frame.title)}</figcaption>`,
    `</figure>`,
  ].join('\n');
}

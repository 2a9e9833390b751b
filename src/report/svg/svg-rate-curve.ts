/**
 * The rate–latency curve: latency (y) against offered rate (x), one colour per series (texts per request),
 * p95 as a solid line over its 95 % interval band, p50 dashed and p99 dotted with whiskers, the latency
 * objective as a horizontal line, and each series' knee as a vertical line over its interval band — or a note
 * when the knee lies outside the rates measured. Axes turn logarithmic over a wide range. Deterministic; every
 * text is escaped. Marks carry data-mark (and points data-rate) for tests and styles.
 */
import { escapeHtmlText } from '../text/escape.js';
import { formatFixed } from '../text/format-numbers.js';
import type { AxisScale } from './svg-axis-scale.js';
import { fitAxisScale } from './svg-axis-scale.js';
import type { ChartFrame, PlotArea } from './svg-frame.js';
import { formatCoord, renderLegend, renderText } from './svg-frame.js';
import { renderWhisker } from './svg-line-chart.js';
import type { CurveKnee, StyleSample } from './svg-rate-marks.js';
import { listCurveSamples, renderCurveLegend, renderKnee, renderObjective } from './svg-rate-marks.js';

export const RATE_CURVE_WIDTH = 640;
export const RATE_CURVE_HEIGHT = 360;
/** Two legend rows on top, the y-axis label above the plot, tick labels and the x-axis title below. */
export const RATE_CURVE_AREA: PlotArea = { left: 64, top: 66, width: 552, height: 246 };

export const QUANTILES = ['p50', 'p95', 'p99'] as const;
export type Quantile = (typeof QUANTILES)[number];

export interface CurveEstimate {
  value: number;
  low: number;
  high: number;
}

export interface CurvePoint {
  rate: number;
  /** null when no request succeeded at this rate (drawn as a cross on the top edge). */
  latency: Record<Quantile, CurveEstimate> | null;
  tooltip: string;
}

export interface CurveSeries {
  label: string;
  /** CSS class of the series colour: "s0", "s1", … */
  className: string;
  points: CurvePoint[];
  knee: CurveKnee;
}

export interface RateCurveChart extends ChartFrame {
  series: CurveSeries[];
  objective: { value: number; label: string };
  xLabel: string;
  yLabel: string;
  /** The quantiles drawn; all three when absent (p95, the one with a band, should be among them). */
  quantiles?: readonly Quantile[];
  /** The second legend row's samples; the quantiles', the objective's and the knee's when absent. */
  styleLegend?: readonly StyleSample[];
}

function selectQuantiles(chart: RateCurveChart): readonly Quantile[] {
  return chart.quantiles ?? QUANTILES;
}

/** Tick values are already round (1-2-5 steps): "1,000", "0.2". */
function formatTick(tick: number): string {
  return Number.isInteger(tick) ? formatFixed(tick) : String(tick);
}

interface Axes {
  x: AxisScale;
  y: AxisScale;
}

function fitAxes(chart: RateCurveChart): Axes {
  const area = RATE_CURVE_AREA;
  const points = chart.series.flatMap((series) => series.points);
  const latencies = points.flatMap((point) =>
    point.latency === null
      ? []
      : selectQuantiles(chart).flatMap((q) => [point.latency?.[q].low ?? 0, point.latency?.[q].high ?? 0]),
  );
  const knees = chart.series.flatMap((series) => (series.knee.kind === 'found' ? [series.knee.high] : []));
  return {
    x: fitAxisScale([...points.map((point) => point.rate), ...knees], area.left, area.left + area.width),
    // headroom above the objective for its label
    y: fitAxisScale([...latencies, chart.objective.value * 1.15], area.top + area.height, area.top),
  };
}

function renderAxes(chart: RateCurveChart, { x, y }: Axes): string {
  const area = RATE_CURVE_AREA;
  const bottom = area.top + area.height;
  const rows = y.ticks.map((tick) => {
    const at = formatCoord(y.map(tick));
    const line = `<line class="grid" x1="${area.left}" x2="${area.left + area.width}" y1="${at}" y2="${at}"/>`;
    return `${line}${renderText(area.left - 6, y.map(tick) + 4, formatTick(tick), 'tick', 'end')}`;
  });
  const columns = x.ticks.map((tick) => renderText(x.map(tick), bottom + 18, formatTick(tick), 'tick'));
  const yTitle = renderText(
    area.left - 56,
    area.top - 10,
    `${chart.yLabel}${y.kind === 'log' ? ' (log scale)' : ''}`,
    'axis-label',
    'start',
  );
  const xTitle = renderText(
    area.left + area.width / 2,
    bottom + 38,
    `${chart.xLabel}${x.kind === 'log' ? ' (log scale)' : ''}`,
    'axis-label',
  );
  const frame = `<line class="zero" x1="${area.left}" x2="${area.left}" y1="${area.top}" y2="${bottom}"/>`;
  return `<g class="axis">${rows.join('')}${frame}${columns.join('')}${yTitle}${xTitle}</g>`;
}

type Located = { x: number; point: CurvePoint; latency: Record<Quantile, CurveEstimate> };

function locate(series: CurveSeries, axes: Axes): Located[] {
  return series.points.flatMap((point) =>
    point.latency === null ? [] : [{ x: axes.x.map(point.rate), point, latency: point.latency }],
  );
}

function renderPath(located: readonly Located[], quantile: Quantile, y: AxisScale): string {
  if (located.length === 0) return '';
  const d = located.map(
    (item, index) =>
      `${index === 0 ? 'M' : 'L'}${formatCoord(item.x)} ${formatCoord(y.map(item.latency[quantile].value))}`,
  );
  return `<path class="line ${quantile}" data-mark="${quantile}" d="${d.join(' ')}"/>`;
}

/** The p95 interval as a band (a whisker where a point stands alone). */
function renderBand(located: readonly Located[], y: AxisScale): string {
  const [first] = located;
  if (first === undefined) return '';
  if (located.length === 1)
    return `<g class="whisker">${renderWhisker(first.x, y.map(first.latency.p95.low), y.map(first.latency.p95.high))}</g>`;
  const top = located.map((item) => `${formatCoord(item.x)} ${formatCoord(y.map(item.latency.p95.high))}`);
  const bottom = located
    .map((item) => `${formatCoord(item.x)} ${formatCoord(y.map(item.latency.p95.low))}`)
    .reverse();
  return `<path class="band" data-mark="p95-interval" d="M${[...top, ...bottom].join(' L')} Z"/>`;
}

function renderPoints(
  series: CurveSeries,
  located: readonly Located[],
  axes: Axes,
  quantiles: readonly Quantile[],
): string {
  const others = quantiles.filter((q) => q !== 'p95');
  const whiskers = located.flatMap((item) =>
    others.map((q) =>
      renderWhisker(item.x, axes.y.map(item.latency[q].low), axes.y.map(item.latency[q].high)),
    ),
  );
  const dots = located.map((item) => {
    const at = (q: Quantile) =>
      `cx="${formatCoord(item.x)}" cy="${formatCoord(axes.y.map(item.latency[q].value))}"`;
    const title = `<title>${escapeHtmlText(item.point.tooltip, 300)}</title>`;
    const small = others.map((q) => `<circle ${at(q)} r="2"/>`).join('');
    return `<g class="point" data-rate="${item.point.rate}">${title}<circle ${at('p95')} r="3.5"/>${small}</g>`;
  });
  const failed = series.points
    .filter((point) => point.latency === null)
    .map((point) => {
      const [cx, cy] = [axes.x.map(point.rate), RATE_CURVE_AREA.top + 6];
      const d = `M${formatCoord(cx - 4)} ${formatCoord(cy - 4)} L${formatCoord(cx + 4)} ${formatCoord(cy + 4)} M${formatCoord(cx - 4)} ${formatCoord(cy + 4)} L${formatCoord(cx + 4)} ${formatCoord(cy - 4)}`;
      return `<g class="no-success bad" data-rate="${point.rate}"><title>${escapeHtmlText(point.tooltip, 300)}</title><path d="${d}"/></g>`;
    });
  return `<g class="whisker">${whiskers.join('')}</g>${dots.join('')}${failed.join('')}`;
}

function renderSeries(series: CurveSeries, axes: Axes, quantiles: readonly Quantile[]): string {
  const located = locate(series, axes);
  const lines = quantiles.map((q) => renderPath(located, q, axes.y)).join('');
  return `<g class="series ${series.className}">${renderBand(located, axes.y)}${lines}${renderPoints(series, located, axes, quantiles)}</g>`;
}

/** The <svg> element alone: `standalone` adds the XML namespace, a stylesheet and a backdrop (an image file). */
export function renderRateCurveSvg(chart: RateCurveChart, standalone: { css: string } | null = null): string {
  const axes = fitAxes(chart);
  const marks = [
    ...chart.series.map((series, index) =>
      renderKnee(series.knee, series.className, index, axes.x, RATE_CURVE_AREA),
    ),
    renderObjective(chart.objective, axes.y, RATE_CURVE_AREA),
  ];
  const id = `chart-${chart.name}`;
  const namespace = standalone === null ? '' : ' xmlns="http://www.w3.org/2000/svg"';
  return [
    `<svg${namespace} role="img" data-chart="${chart.name}" viewBox="0 0 ${RATE_CURVE_WIDTH} ${RATE_CURVE_HEIGHT}" width="${RATE_CURVE_WIDTH}" height="${RATE_CURVE_HEIGHT}" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeHtmlText(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtmlText(chart.description)}</desc>`,
    ...(standalone === null
      ? []
      : [
          `<style>${standalone.css}</style>`,
          `<rect class="backdrop" width="${RATE_CURVE_WIDTH}" height="${RATE_CURVE_HEIGHT}"/>`,
        ]),
    renderAxes(chart, axes),
    ...marks.map((mark) => mark.under).filter((mark) => mark !== ''),
    ...chart.series.map((series) => renderSeries(series, axes, selectQuantiles(chart))),
    ...marks.map((mark) => mark.over),
    renderLegend(
      chart.series.map((series) => ({ label: series.label, className: `swatch ${series.className}` })),
    ),
    renderCurveLegend(chart.styleLegend ?? listCurveSamples(selectQuantiles(chart))),
    `</svg>`,
  ].join('\n');
}

/** The chart as a report figure (the look and structure of svg-frame.ts's renderChart). */
export function renderRateCurveChart(chart: RateCurveChart): string {
  return [
    `<figure class="chart">`,
    renderRateCurveSvg(chart),
    `<figcaption>${escapeHtmlText(chart.caption ?? chart.title)}</figcaption>`,
    `</figure>`,
  ].join('\n');
}

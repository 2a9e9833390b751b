/** A line chart over categories (batch sizes, text lengths), with optional 95 % CI whiskers per point. */
import type { ChartFrame, LegendItem, PlotArea, Scale } from './svg-frame.js';
import {
  createScale,
  DEFAULT_AREA,
  formatCoord,
  renderChart,
  renderLegend,
  renderText,
  renderValueAxis,
  roundUp,
} from './svg-frame.js';

export interface LineSeries {
  label: string;
  /** CSS class of the series colour: "s0", "s1", … */
  className: string;
  values: (number | null)[];
  /** Interval bounds per point (whiskers); omitted for none. */
  low?: (number | null)[];
  high?: (number | null)[];
}

export interface LineChart extends ChartFrame {
  categories: string[];
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
}

function computeX(area: PlotArea, count: number, index: number): number {
  return area.left + ((index + 0.5) * area.width) / Math.max(1, count);
}

/** A vertical interval with caps at x, from y1 to y2 (SVG units). */
export function renderWhisker(x: number, y1: number, y2: number): string {
  const cap = (y: number) =>
    `<line x1="${formatCoord(x - 4)}" x2="${formatCoord(x + 4)}" y1="${formatCoord(y)}" y2="${formatCoord(y)}"/>`;
  return `<line x1="${formatCoord(x)}" x2="${formatCoord(x)}" y1="${formatCoord(y1)}" y2="${formatCoord(y2)}"/>${cap(y1)}${cap(y2)}`;
}

function renderWhiskers(series: LineSeries, area: PlotArea, y: Scale, count: number): string {
  const { low, high } = series;
  if (low === undefined || high === undefined) return '';
  return series.values
    .map((_value, index) => {
      const bottom = low[index];
      const top = high[index];
      if (bottom === null || bottom === undefined || top === null || top === undefined) return '';
      return renderWhisker(computeX(area, count, index), y.map(bottom), y.map(top));
    })
    .join('');
}

/** The line through consecutive defined points, and a dot on each. */
function renderSeries(series: LineSeries, area: PlotArea, y: Scale, count: number): string {
  const points = series.values.flatMap((value, index) =>
    value === null ? [] : [{ x: computeX(area, count, index), y: y.map(value) }],
  );
  const path = points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${formatCoord(point.x)} ${formatCoord(point.y)}`)
    .join(' ');
  const dots = points
    .map((point) => `<circle cx="${formatCoord(point.x)}" cy="${formatCoord(point.y)}" r="3.5"/>`)
    .join('');
  const whiskers = renderWhiskers(series, area, y, count);
  return `<g class="series ${series.className}"><g class="whisker">${whiskers}</g><path class="line" d="${path}"/>${dots}</g>`;
}

function findLargest(series: readonly LineSeries[]): number {
  const values = series.flatMap((item) => [...item.values, ...(item.high ?? [])]);
  return Math.max(0, ...values.filter((value): value is number => value !== null && Number.isFinite(value)));
}

export function renderLineChart(chart: LineChart): string {
  const area = DEFAULT_AREA;
  const y = createScale(0, roundUp(findLargest(chart.series)), area.top + area.height, area.top);
  const count = chart.categories.length;
  const labels = chart.categories
    .map((category, index) =>
      renderText(computeX(area, count, index), area.top + area.height + 18, category, 'tick'),
    )
    .join('');
  const xTitle = renderText(
    area.left + area.width / 2,
    area.top + area.height + 38,
    chart.xLabel,
    'axis-label',
  );
  const legend: LegendItem[] = chart.series.map((series) => ({
    label: series.label,
    className: `swatch ${series.className}`,
  }));
  const body = [
    renderValueAxis(y, area, chart.yLabel),
    `<g class="axis">${labels}${xTitle}</g>`,
    ...chart.series.map((series) => renderSeries(series, area, y, count)),
    renderLegend(legend),
  ].join('\n');
  return renderChart(chart, body);
}

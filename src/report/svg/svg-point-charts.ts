/**
 * Column and scatter charts: peak memory per batch size (columns with reference lines such as the loaded
 * model) and the leak check (RSS readings vs texts processed, with the fitted line).
 */
import { formatQuantity } from '../text/format-numbers.js';
import type { ChartFrame, LegendItem } from './svg-frame.js';
import {
  computeTicks,
  createScale,
  DEFAULT_AREA,
  formatCoord,
  renderChart,
  renderLegend,
  renderText,
  renderValueAxis,
  roundUp,
} from './svg-frame.js';

export interface ReferenceLine {
  label: string;
  value: number;
  className: string;
}

export interface ColumnChart extends ChartFrame {
  categories: string[];
  values: number[];
  xLabel: string;
  yLabel: string;
  seriesLabel: string;
  references: ReferenceLine[];
}

function renderReference(line: ReferenceLine, y: number): string {
  const area = DEFAULT_AREA;
  const coords = `x1="${area.left}" x2="${area.left + area.width}" y1="${formatCoord(y)}" y2="${formatCoord(y)}"`;
  return `<g class="reference ${line.className}"><line ${coords}/></g>`;
}

export function renderColumnChart(chart: ColumnChart): string {
  const area = DEFAULT_AREA;
  const largest = Math.max(0, ...chart.values, ...chart.references.map((line) => line.value));
  const y = createScale(0, roundUp(largest), area.top + area.height, area.top);
  const slot = area.width / Math.max(1, chart.values.length);
  const columns = chart.values.map((value, index) => {
    const x = area.left + index * slot + slot * 0.2;
    const top = y.map(value);
    const rect = `<rect class="bar s0" x="${formatCoord(x)}" y="${formatCoord(top)}" width="${formatCoord(slot * 0.6)}" height="${formatCoord(area.top + area.height - top)}"/>`;
    const label = renderText(
      x + slot * 0.3,
      area.top + area.height + 18,
      chart.categories[index] ?? '',
      'tick',
    );
    return `${rect}${renderText(x + slot * 0.3, top - 4, formatQuantity(value), 'value')}${label}`;
  });
  const legend: LegendItem[] = [
    { label: chart.seriesLabel, className: 'swatch s0' },
    ...chart.references.map((line) => ({ label: line.label, className: `swatch ${line.className}` })),
  ];
  const body = [
    renderValueAxis(y, area, chart.yLabel),
    `<g class="axis">${renderText(area.left + area.width / 2, area.top + area.height + 38, chart.xLabel, 'axis-label')}</g>`,
    columns.join(''),
    ...chart.references.map((line) => renderReference(line, y.map(line.value))),
    renderLegend(legend),
  ].join('\n');
  return renderChart(chart, body);
}

export interface ScatterChart extends ChartFrame {
  points: { x: number; y: number }[];
  /** y = intercept + slope × x, drawn across the x range; null for none. */
  fit: { intercept: number; slope: number; label: string } | null;
  xLabel: string;
  yLabel: string;
  pointsLabel: string;
}

export function renderScatterChart(chart: ScatterChart): string {
  const area = DEFAULT_AREA;
  const xs = chart.points.map((point) => point.x);
  const ys = chart.points.map((point) => point.y);
  const x = createScale(Math.min(0, ...xs), Math.max(1, ...xs) * 1.04, area.left + 8, area.left + area.width);
  const [lowest, highest] = [Math.min(...ys), Math.max(...ys)];
  const pad = Math.max(1, (highest - lowest) * 0.2);
  const y = createScale(Math.max(0, lowest - pad), highest + pad, area.top + area.height, area.top);
  const dots = chart.points.map(
    (point) => `<circle cx="${formatCoord(x.map(point.x))}" cy="${formatCoord(y.map(point.y))}" r="4"/>`,
  );
  const fit = chart.fit;
  const line =
    fit === null
      ? ''
      : `<g class="series s1"><path class="line" d="M${formatCoord(x.map(x.min))} ${formatCoord(y.map(fit.intercept + fit.slope * x.min))} L${formatCoord(x.map(x.max))} ${formatCoord(y.map(fit.intercept + fit.slope * x.max))}"/></g>`;
  const ticks = computeTicks(x.min, x.max, 6)
    .map((tick) => renderText(x.map(tick), area.top + area.height + 18, formatQuantity(tick), 'tick'))
    .join('');
  const legend: LegendItem[] = [
    { label: chart.pointsLabel, className: 'swatch s0' },
    ...(fit === null ? [] : [{ label: fit.label, className: 'swatch s1' }]),
  ];
  const body = [
    renderValueAxis(y, area, chart.yLabel),
    `<g class="axis">${ticks}${renderText(area.left + area.width / 2, area.top + area.height + 38, chart.xLabel, 'axis-label')}</g>`,
    `<clipPath id="clip-${chart.name}"><rect x="${area.left}" y="${area.top}" width="${area.width}" height="${area.height}"/></clipPath>`,
    `<g clip-path="url(#clip-${chart.name})">${line}</g>`,
    `<g class="series s0">${dots.join('')}</g>`,
    renderLegend(legend),
  ].join('\n');
  return renderChart(chart, body);
}

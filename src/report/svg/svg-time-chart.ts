/**
 * A chart of one value over a sequence of runs (oldest left): the line broken where a segment starts, the
 * 95 % interval as a band (a whisker for a point alone), each point optionally a link with a tooltip, and
 * vertical markers between two runs — a change (labelled at the top) or a boundary such as a change of machine
 * (labelled at the bottom). The value axis is fitted to the data, not started at zero. Text is escaped.
 */
import { escapeHtml, escapeHtmlText } from '../text/escape.js';
import type { ChartFrame, PlotArea, Scale } from './svg-frame.js';
import { createScale, formatCoord, renderChart, renderText, renderValueAxis } from './svg-frame.js';
import { renderWhisker } from './svg-line-chart.js';

export const TIME_CHART_WIDTH = 400;
export const TIME_CHART_HEIGHT = 240;
const AREA: PlotArea = { left: 58, top: 26, width: 328, height: 172 };

export interface TimePoint {
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Where the point links to (an absolute http(s) address), or null for no link. */
  href: string | null;
  /** The point's tooltip and accessible name. */
  tooltip: string;
  /** Whether the line breaks before this point (a new machine, a new chain). */
  segmentStart: boolean;
}

export interface TimeMarker {
  /** The first point after the marker (drawn between index − 1 and index). */
  index: number;
  kind: 'change' | 'boundary';
  /** CSS class of its colour: "bad", "good", "neutral". */
  tone: string;
  label: string;
  tooltip: string;
}

export interface TimeChart extends ChartFrame {
  points: TimePoint[];
  markers: TimeMarker[];
  /** The x-axis labels, one per point (a few are drawn). */
  xLabels: string[];
  xTitle: string;
  yLabel: string;
  formatTick?: (tick: number) => string;
}

function computeX(count: number, index: number): number {
  return AREA.left + ((index + 0.5) * AREA.width) / Math.max(1, count);
}

/** The value range of the data padded below and, for the change labels, more above. */
function fitScale(points: readonly TimePoint[]): Scale {
  const values = points
    .flatMap((point) => [point.value, point.lower, point.upper])
    .filter((value): value is number => value !== null && Number.isFinite(value));
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || Math.abs(high) * 0.1 || 1;
  return createScale(low - span * 0.1, high + span * 0.25, AREA.top + AREA.height, AREA.top);
}

/** Runs of consecutive points that the line joins: broken at a segment start or a missing value. */
function splitRuns<T>(points: readonly TimePoint[], keep: (point: TimePoint) => T | null): [number, T][][] {
  const runs: [number, T][][] = [];
  let current: [number, T][] = [];
  points.forEach((point, index) => {
    const kept = keep(point);
    if (point.segmentStart || kept === null) {
      if (current.length > 0) runs.push(current);
      current = [];
    }
    if (kept !== null) current.push([index, kept]);
  });
  if (current.length > 0) runs.push(current);
  return runs;
}

function renderBands(points: readonly TimePoint[], y: Scale): string {
  const bounds = (point: TimePoint) =>
    point.lower === null || point.upper === null ? null : { lower: point.lower, upper: point.upper };
  return splitRuns(points, bounds)
    .map((run) => {
      const x = (index: number) => formatCoord(computeX(points.length, index));
      const [first] = run;
      if (run.length === 1 && first !== undefined) {
        const [index, { lower, upper }] = first;
        return `<g class="whisker">${renderWhisker(computeX(points.length, index), y.map(lower), y.map(upper))}</g>`;
      }
      const top = run.map(([index, b]) => `${x(index)} ${formatCoord(y.map(b.upper))}`);
      const bottom = run.map(([index, b]) => `${x(index)} ${formatCoord(y.map(b.lower))}`).reverse();
      return `<path class="band" d="M${[...top, ...bottom].join(' L')} Z"/>`;
    })
    .join('');
}

function renderLines(points: readonly TimePoint[], y: Scale): string {
  return splitRuns(points, (point) => point.value)
    .map((run) => {
      const coords = run.map(
        ([index, value]) => `${formatCoord(computeX(points.length, index))} ${formatCoord(y.map(value))}`,
      );
      return `<path class="line" d="M${coords.join(' L')}"/>`;
    })
    .join('');
}

function renderPoint(point: TimePoint, index: number, count: number, y: Scale): string {
  if (point.value === null) return '';
  const at = `cx="${formatCoord(computeX(count, index))}" cy="${formatCoord(y.map(point.value))}"`;
  const title = `<title>${escapeHtmlText(point.tooltip, 300)}</title>`;
  const marks = `<circle class="hit" ${at} r="7"/><circle class="dot" ${at} r="3"/>`;
  if (point.href === null) return `<g class="point">${title}${marks}</g>`;
  return `<a class="point" href="${escapeHtml(point.href)}" tabindex="-1">${title}${marks}</a>`;
}

function renderMarker(marker: TimeMarker, count: number, stagger: number): string {
  const x = (computeX(count, marker.index - 1) + computeX(count, marker.index)) / 2;
  const bottom = AREA.top + AREA.height;
  const line = `<line x1="${formatCoord(x)}" x2="${formatCoord(x)}" y1="${AREA.top}" y2="${bottom}"/>`;
  const anchor = x < AREA.left + AREA.width / 2 ? 'start' : 'end';
  const dx = anchor === 'start' ? 4 : -4;
  const labelY = marker.kind === 'change' ? AREA.top + 12 + stagger * 14 : bottom - 6 - stagger * 14;
  const label = renderText(x + dx, labelY, marker.label, 'marker-label', anchor);
  const title = `<title>${escapeHtmlText(marker.tooltip, 300)}</title>`;
  return `<g class="marker ${marker.kind} ${marker.tone}">${title}${line}${label}</g>`;
}

/** Markers of a kind alternate between two label rows, so neighbours do not overwrite each other. */
function renderMarkers(markers: readonly TimeMarker[], count: number): string {
  const seen = { change: 0, boundary: 0 };
  return markers
    .filter((marker) => marker.index > 0 && marker.index < count)
    .map((marker) => renderMarker(marker, count, seen[marker.kind]++ % 2))
    .join('');
}

/** Three labels (first, middle, newest) fit the chart's width even as full dates. */
function renderXAxis(chart: TimeChart): string {
  const count = chart.points.length;
  const indices = [...new Set([0, Math.round((count - 1) / 2), count - 1])].filter((index) => index >= 0);
  const bottom = AREA.top + AREA.height;
  const labels = indices.map((index) => {
    const anchor = count < 3 ? 'middle' : index === 0 ? 'start' : index === count - 1 ? 'end' : 'middle';
    const x = computeX(count, index) + (anchor === 'start' ? -6 : anchor === 'end' ? 6 : 0);
    return renderText(x, bottom + 16, chart.xLabels[index] ?? '', 'tick', anchor);
  });
  const title = renderText(AREA.left + AREA.width / 2, bottom + 33, chart.xTitle, 'axis-label');
  return `<g class="axis">${labels.join('')}${title}</g>`;
}

const finiteOrNull = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);

/** A point whose value or bounds are not finite numbers loses them (nothing sensible to draw). */
function normalizePoint(point: TimePoint): TimePoint {
  const value = finiteOrNull(point.value);
  const [lower, upper] = [finiteOrNull(point.lower), finiteOrNull(point.upper)];
  const bounded = value !== null && lower !== null && upper !== null;
  return { ...point, value, lower: bounded ? lower : null, upper: bounded ? upper : null };
}

/** The chart, or null when no point has a value. */
export function renderTimeChart(chart: TimeChart): string | null {
  const points = chart.points.map(normalizePoint);
  const count = points.length;
  if (!points.some((point) => point.value !== null)) return null;
  const y = fitScale(points);
  const body = [
    renderValueAxis(y, AREA, chart.yLabel, chart.formatTick),
    renderXAxis(chart),
    renderMarkers(chart.markers, count),
    `<g class="series s0">${renderBands(points, y)}${renderLines(points, y)}`,
    `${points.map((point, index) => renderPoint(point, index, count, y)).join('')}</g>`,
  ].join('\n');
  return renderChart({ ...chart, width: TIME_CHART_WIDTH, height: TIME_CHART_HEIGHT }, body);
}

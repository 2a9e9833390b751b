/**
 * Horizontal bar charts, one row per item with its label on the left: plain bars (top operators), stacked
 * shares (stage shares per cell) and changes with CI whiskers around zero (the comparison).
 */
import { sanitizeText } from '../text/escape.js';
import type { ChartFrame, LegendItem, Scale } from './svg-frame.js';
import {
  CHART_WIDTH,
  computeTicks,
  createScale,
  formatCoord,
  renderChart,
  renderLegend,
  renderText,
} from './svg-frame.js';

const LABEL_WIDTH = 290;
/** Longest row label, in characters (about LABEL_WIDTH at 11 px). */
const MAX_LABEL_CHARS = 46;
const ROW_HEIGHT = 22;
const TOP = 40;
const BOTTOM = 28;
const RIGHT = 70;

function computeHeight(rows: number): number {
  return TOP + rows * ROW_HEIGHT + BOTTOM;
}

function rowY(index: number): number {
  return TOP + index * ROW_HEIGHT;
}

function renderRowLabel(index: number, label: string): string {
  return renderText(
    LABEL_WIDTH - 8,
    rowY(index) + ROW_HEIGHT / 2 + 4,
    sanitizeText(label, MAX_LABEL_CHARS),
    'tick',
    'end',
  );
}

function renderRect(x: number, y: number, width: number, height: number, className: string): string {
  return `<rect class="${className}" x="${formatCoord(x)}" y="${formatCoord(y)}" width="${formatCoord(Math.max(0, width))}" height="${formatCoord(height)}"/>`;
}

/** Vertical grid lines and their labels along the bottom. */
function renderGrid(scale: Scale, rows: number, format: (value: number) => string): string {
  const bottom = rowY(rows);
  return computeTicks(scale.min, scale.max, 4)
    .map((tick) => {
      const x = formatCoord(scale.map(tick));
      return `<line class="grid" x1="${x}" x2="${x}" y1="${TOP - 4}" y2="${formatCoord(bottom)}"/>${renderText(scale.map(tick), bottom + 16, format(tick), 'tick')}`;
    })
    .join('');
}

export interface BarRow {
  label: string;
  value: number;
  /** The text written after the bar, e.g. "51.2 %". */
  text: string;
}

export function renderBarChart(
  frame: ChartFrame,
  rows: readonly BarRow[],
  format: (value: number) => string,
): string {
  const largest = Math.max(0, ...rows.map((row) => row.value));
  const x = createScale(0, largest > 0 ? largest : 1, LABEL_WIDTH, CHART_WIDTH - RIGHT);
  const bars = rows.map((row, index) => {
    const y = rowY(index) + 4;
    const end = x.map(row.value);
    return `${renderRowLabel(index, row.label)}${renderRect(LABEL_WIDTH, y, end - LABEL_WIDTH, ROW_HEIGHT - 8, 'bar s0')}${renderText(end + 6, y + 11, row.text, 'value', 'start')}`;
  });
  const body = `<g class="axis">${renderGrid(x, rows.length, format)}</g>${bars.join('')}`;
  return renderChart({ ...frame, height: computeHeight(rows.length) }, body);
}

export interface StackedRow {
  label: string;
  /** Shares in [0, 1], one per legend item, summing to about 1. */
  parts: number[];
}

export function renderStackedChart(
  frame: ChartFrame,
  legend: readonly LegendItem[],
  rows: readonly StackedRow[],
): string {
  const x = createScale(0, 1, LABEL_WIDTH, CHART_WIDTH - RIGHT);
  const bars = rows.map((row, index) => {
    let start = 0;
    const segments = row.parts.map((part, partIndex) => {
      const className = legend[partIndex]?.className ?? 's0';
      const rect = renderRect(
        x.map(start),
        rowY(index) + 4,
        x.map(start + part) - x.map(start),
        ROW_HEIGHT - 8,
        `bar ${className}`,
      );
      start += part;
      return rect;
    });
    return `${renderRowLabel(index, row.label)}${segments.join('')}`;
  });
  const percent = (value: number) => `${Math.round(value * 100)} %`;
  const body = `${renderLegend(legend)}<g class="axis">${renderGrid(x, rows.length, percent)}</g>${bars.join('')}`;
  return renderChart({ ...frame, height: computeHeight(rows.length) }, body);
}

export interface IntervalRow {
  label: string;
  value: number;
  low: number | null;
  high: number | null;
  /** "bad", "good" or "neutral". */
  className: string;
}

function renderHorizontalWhisker(x1: number, x2: number, y: number): string {
  const cap = (x: number) =>
    `<line x1="${formatCoord(x)}" x2="${formatCoord(x)}" y1="${formatCoord(y - 4)}" y2="${formatCoord(y + 4)}"/>`;
  return `<g class="whisker"><line x1="${formatCoord(x1)}" x2="${formatCoord(x2)}" y1="${formatCoord(y)}" y2="${formatCoord(y)}"/>${cap(x1)}${cap(x2)}</g>`;
}

/** Bars from zero to each change, with whiskers for its interval. */
export function renderIntervalChart(
  frame: ChartFrame,
  legend: readonly LegendItem[],
  rows: readonly IntervalRow[],
  format: (value: number) => string,
): string {
  const extremes = rows.flatMap((row) => [row.value, row.low ?? row.value, row.high ?? row.value]);
  const reach = Math.max(0.01, ...extremes.map(Math.abs));
  const x = createScale(-reach, reach, LABEL_WIDTH, CHART_WIDTH - RIGHT);
  const zero = x.map(0);
  const bars = rows.map((row, index) => {
    const y = rowY(index);
    const end = x.map(row.value);
    const bar = renderRect(
      Math.min(zero, end),
      y + 5,
      Math.abs(end - zero),
      ROW_HEIGHT - 10,
      `bar ${row.className}`,
    );
    const middle = y + ROW_HEIGHT / 2;
    const whisker =
      row.low === null || row.high === null
        ? ''
        : renderHorizontalWhisker(x.map(row.low), x.map(row.high), middle);
    return `${renderRowLabel(index, row.label)}${bar}${whisker}`;
  });
  const axis = `<line class="zero" x1="${formatCoord(zero)}" x2="${formatCoord(zero)}" y1="${TOP - 4}" y2="${formatCoord(rowY(rows.length))}"/>`;
  const body = `${renderLegend(legend)}<g class="axis">${renderGrid(x, rows.length, format)}${axis}</g>${bars.join('')}`;
  return renderChart({ ...frame, height: computeHeight(rows.length) }, body);
}

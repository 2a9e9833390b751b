/**
 * The tables of a serve duet as plain data (each format escapes its own way): per sweep, a row per metric —
 * each side's figure (bounded ones as "≤ 40 req/s" / "≥ 300 req/s"), the change with its 95 % CI, the verdict
 * and the smallest change the run could see — and, in words, the round pairs that were left out or bounded.
 */
import type {
  ServeMetricComparison,
  ServePair,
  ServeRoundValue,
  ServeSideFigure,
  ServeSweepComparison,
} from '../../decide/compare/serve-comparison-schema.js';
import { formatChangeWithInterval, formatPlain, formatQuantity } from '../text/format-numbers.js';
import {
  describeBadDirection,
  describeServeMetricName,
  describeSweepHeading,
  formatDetectable,
} from './serve-duet-facts.js';
import type { TableData } from './table-data.js';
import { createTable } from './table-data.js';

/** "262 req/s", "23.4 ms". */
function formatFigure(value: number, unit: ServeMetricComparison['unit']): string {
  return `${unit === 'req/s' ? formatPlain(value) : formatQuantity(value)} ${unit}`;
}

/** "262 req/s [251–281]", "≤ 40 req/s", "≥ 300 req/s", "not measured: …". */
export function describeSideFigure(figure: ServeSideFigure, unit: ServeMetricComparison['unit']): string {
  switch (figure.kind) {
    case 'estimate':
      return `${formatFigure(figure.value, unit)} [${formatQuantity(figure.low)}–${formatQuantity(figure.high)}]`;
    case 'below-lowest':
      return `≤ ${formatFigure(figure.bound, unit)}`;
    case 'above-highest':
      return `≥ ${formatFigure(figure.bound, unit)}`;
    case 'not-measured':
      return `not measured: ${figure.reason}`;
  }
}

/** "knee", "p95 at 50 req/s (not gated)". */
function describeMetricCell(metric: ServeMetricComparison, sweep: ServeSweepComparison): string {
  return `${describeServeMetricName(metric, sweep)}${metric.gated ? '' : ' (not gated)'}`;
}

/** "drop 12.4 %", or "– (no interval)". */
function describeDetectableCell(metric: ServeMetricComparison): string {
  const detectable = formatDetectable(metric);
  return detectable === null ? '– (no interval)' : `${describeBadDirection(metric)} ${detectable}`;
}

/** Metric | base | head | change [95 % CI] | pairs | verdict | smallest detectable, one row per metric. */
export function buildServeDuetTable(sweep: ServeSweepComparison): TableData {
  return createTable(
    `Base against head, ${describeSweepHeading(sweep)}`,
    [
      ['Metric', 'l'],
      ['Base', 'r'],
      ['Head', 'r'],
      ['Change [95 % CI]', 'r'],
      ['Pairs used', 'r'],
      ['Verdict', 'l'],
      ['Smallest detectable', 'r'],
    ],
    sweep.metrics.map((metric) => [
      describeMetricCell(metric, sweep),
      describeSideFigure(metric.base, metric.unit),
      describeSideFigure(metric.head, metric.unit),
      formatChangeWithInterval(metric.estimate, metric.interval),
      `${metric.pairsUsed} of ${metric.pairs.length}`,
      metric.verdict,
      describeDetectableCell(metric),
    ]),
  );
}

/** "≤ 40 req/s" for a bound, "262 req/s" for a value, the reason for a missing one. */
function describeRoundValue(value: ServeRoundValue, unit: ServeMetricComparison['unit']): string {
  switch (value.kind) {
    case 'value':
      return formatFigure(value.value, unit);
    case 'at-most':
      return `≤ ${formatFigure(value.bound, unit)} (${value.reason})`;
    case 'at-least':
      return `≥ ${formatFigure(value.bound, unit)} (${value.reason})`;
    case 'missing':
      return `missing (${value.reason})`;
  }
}

/** A pair that was not an exact ratio, in words; null for an exact one. */
function describePair(pair: ServePair, unit: ServeMetricComparison['unit']): string | null {
  const sides = `base ${describeRoundValue(pair.base, unit)}, head ${describeRoundValue(pair.head, unit)}`;
  const round = `round ${pair.round}`;
  switch (pair.use) {
    case 'exact':
      return null;
    case 'bounded-worse':
      return `${round} used a bound (${sides}): the head is at least this much worse`;
    case 'bounded-better':
      return `${round} used a bound (${sides}): the head is at least this much better`;
    case 'uninformative':
      return `${round} left out, both beyond the same edge (${sides})`;
    case 'missing':
      return `${round} left out, a side answered nothing (${sides})`;
  }
}

/**
 * Notes under a sweep's table: each metric's verdict reason, and its pairs left out or bounded
 * ("knee: round 1 left out, both beyond the same edge (…)").
 */
export function listServeDuetNotes(sweep: ServeSweepComparison): string[] {
  return sweep.metrics.flatMap((metric) => {
    const name = describeServeMetricName(metric, sweep);
    const pairs = metric.pairs.flatMap((pair) => describePair(pair, metric.unit) ?? []);
    return [`${name}: ${metric.verdict} — ${metric.reason}`, ...pairs.map((line) => `${name}: ${line}`)];
  });
}

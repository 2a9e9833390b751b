/**
 * Annotations from a comparison: an error for each gated metric that regressed in a cell or across all cells
 * (a warning when the comparison is indicative only), a warning for each gated metric left inconclusive, for a skipped comparison
 * and for duet mode falling back to the committed baselines. Pure; the caller emits them.
 */
import type { CellComparison, Comparison, MetricComparison } from '../../decide/compare/comparison-schema.js';
import { describeHeadFailure } from '../../decide/compare/head-failures.js';
import { describeMetricName } from '../../report/facts/comparison-facts.js';
import { formatChangeWithInterval } from '../../report/text/format-numbers.js';

export type AnnotationLevel = 'error' | 'warning';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
}

/** "peak memory at batch 8: +245.4 % (95 % CI …): entirely beyond …" (the reason carries the change). */
function describeMetricAt(cell: CellComparison, metric: MetricComparison): string {
  const reason =
    metric.reason === '' ? formatChangeWithInterval(metric.estimate, metric.interval) : metric.reason;
  return `${describeMetricName(metric.metric)} at ${cell.label}: ${reason}`;
}

function annotateMetric(
  comparison: Comparison,
  cell: CellComparison,
  metric: MetricComparison,
): Annotation[] {
  if (!metric.gated) return [];
  switch (metric.verdict) {
    case 'regression': {
      const indicative = comparison.overall.indicativeOnly;
      const title = indicative ? 'embedprof regression (indicative only)' : 'embedprof regression';
      return [{ level: indicative ? 'warning' : 'error', title, message: describeMetricAt(cell, metric) }];
    }
    case 'inconclusive':
      return [{ level: 'warning', title: 'embedprof inconclusive', message: describeMetricAt(cell, metric) }];
    case 'improvement':
    case 'no-change':
      return [];
  }
}

/**
 * "throughput across all cells: −12.3 % [−18.0, −6.1]: geometric mean over 6 cell(s) …", for each aggregate
 * that regressed where no cell of its metric did.
 */
function annotateAggregates(comparison: Comparison): Annotation[] {
  const { overall } = comparison;
  const inCells = (metric: string) =>
    comparison.cells.some((cell) =>
      cell.metrics.some((item) => item.metric === metric && item.verdict === 'regression'),
    );
  // a metric that regressed in a cell is annotated there already
  const alone = overall.aggregateRegressions.filter((location) => !inCells(location.metric));
  return alone.map((location): Annotation => {
    const aggregate = comparison.aggregates.find((item) => item.metric === location.metric);
    const change = formatChangeWithInterval(location.estimate, location.interval);
    const reason = aggregate === undefined ? '' : `: ${aggregate.reason}`;
    const message = `${describeMetricName(location.metric)} across ${location.label}: ${change}${reason}`;
    return overall.indicativeOnly
      ? { level: 'warning', title: 'embedprof regression (indicative only)', message }
      : { level: 'error', title: 'embedprof regression', message };
  });
}

/** An error per cell the base failed in (duet mode): nothing was compared there. */
function annotateBaseFailures(comparison: Comparison): Annotation[] {
  return comparison.overall.baseFailures.map((failure) => ({
    level: 'error',
    title: 'embedprof base failed',
    message: `The base failed at ${describeHeadFailure(failure)}; this cell was not compared.`,
  }));
}

function annotateReference(comparison: Comparison): Annotation[] {
  const { reference } = comparison;
  switch (reference.kind) {
    case 'base-ref':
      return [];
    case 'baseline':
      if (reference.fallbackReason === null) return [];
      return [
        {
          level: 'warning',
          title: 'embedprof duet mode unavailable',
          message: `The base could not be measured side by side (${reference.fallbackReason}); compared with the committed baseline "${comparison.baseline.name}" instead.`,
        },
      ];
  }
}

export function listAnnotations(comparison: Comparison): Annotation[] {
  const skipped: Annotation[] =
    comparison.overall.gate === 'skipped'
      ? [
          {
            level: 'warning',
            title: 'embedprof comparison skipped',
            message: comparison.overall.reasons.join(' '),
          },
        ]
      : [];
  const cells = comparison.cells.flatMap((cell) =>
    cell.metrics.flatMap((metric) => annotateMetric(comparison, cell, metric)),
  );
  return [
    ...annotateReference(comparison),
    ...skipped,
    ...annotateBaseFailures(comparison),
    ...annotateAggregates(comparison),
    ...cells,
  ];
}

/**
 * Annotations from a comparison: an error for each gated metric that regressed in a cell (a warning when the
 * comparison is indicative only), a warning for each gated metric left inconclusive, for a skipped comparison
 * and for duet mode falling back to the committed baselines. Pure; the caller emits them.
 */
import type { CellComparison, Comparison, MetricComparison } from '../compare/comparison-schema.js';
import { describeMetricName } from '../report/comparison-facts.js';
import { formatChangeWithInterval } from '../report/format-values.js';

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
  return [...annotateReference(comparison), ...skipped, ...cells];
}

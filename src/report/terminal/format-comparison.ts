/**
 * The terminal renderer of a comparison: the short text `embedprof compare` and `embedprof gate` print: the verdict first, then the per-metric
 * aggregates, the cells that changed (or stayed undecided) and the notes. It renders comparison.json and
 * decides nothing.
 */
import type {
  Aggregate,
  CellComparison,
  Comparison,
  MetricComparison,
} from '../../decide/compare/comparison-schema.js';
import { describeHeadFailure } from '../../decide/compare/head-failures.js';
import { quoteUserText } from '../../ground/errors.js';
import { describeMachineCheck } from '../text/describe-machine.js';
import { formatChange, formatInterval } from '../text/format-numbers.js';

/** The terminal's relative changes: "−12.3 %", with no thousands separators (as in the comparison's reasons). */
const TERMINAL = { group: false } as const;

const MAX_NOTES = 6;
const MAX_CELLS = 12;

/** "base origin/main (1a2b3c4d5e6f) side by side" or "baseline "main", same machine". */
function describeAgainst(comparison: Comparison): string {
  const { reference } = comparison;
  if (reference.kind === 'base-ref')
    return `base ${reference.ref} (${reference.commit.slice(0, 12)}) side by side`;
  const legacy = comparison.baseline.origin === 'legacy' ? ' (legacy)' : '';
  const fallback = reference.fallbackReason === null ? '' : ', fallback from duet mode';
  return `baseline "${comparison.baseline.name}"${legacy}, ${describeMachineCheck(comparison.machine, 'terminal')}${fallback}`;
}

/** ", confirmed by a fresh run" or ", a regression a fresh run did not confirm", else "". */
function describeConfirmed(comparison: Comparison): string {
  switch (comparison.confirmation?.outcome) {
    case 'confirmed':
      return ', confirmed by a fresh run';
    case 'not-confirmed':
      return ', a regression a fresh run did not confirm';
    case undefined:
      return '';
  }
}

/** "FAIL — regression in throughput (baseline "main", same machine)". */
export function formatVerdictLine(comparison: Comparison): string {
  const { overall } = comparison;
  const against = describeAgainst(comparison);
  switch (overall.gate) {
    case 'skipped':
      return `SKIPPED — nothing compared (${against})`;
    case 'fail': {
      const [failure, ...more] = overall.baseFailures;
      if (overall.headFailures.length === 0 && failure !== undefined) {
        const others = more.length === 0 ? '' : ` (and ${more.length} more cell(s))`;
        // the cause quotes the base's own error (comparison.json may come from elsewhere): one line
        const cause = quoteUserText(describeHeadFailure(failure));
        return `FAIL — the base failed, so nothing was compared there: ${cause}${others} (${against})`;
      }
      const metrics = overall.failingMetrics.length > 0 ? ` in ${overall.failingMetrics.join(', ')}` : '';
      return `FAIL — ${overall.verdict}${metrics}${describeConfirmed(comparison)} (${against})`;
    }
    case 'pass': {
      const indicative = overall.indicativeOnly ? ' (indicative only: cannot fail the gate)' : '';
      return `PASS — ${overall.verdict}${indicative}${describeConfirmed(comparison)} (${against})`;
    }
  }
}

function formatAggregate(aggregate: Aggregate, gated: boolean): string {
  const estimate = aggregate.estimate === null ? 'no estimate' : formatChange(aggregate.estimate, TERMINAL);
  const role = gated ? 'gated' : 'not gated';
  return `  ${aggregate.metric} (${role}): ${aggregate.verdict}, ${estimate} (${formatInterval(aggregate.interval)}), geometric mean over ${aggregate.cells} cell(s)`;
}

function isWorthShowing(metric: MetricComparison): boolean {
  if (metric.verdict === 'no-change') return false;
  return metric.gated || metric.verdict === 'regression';
}

function formatCellMetric(cell: CellComparison, metric: MetricComparison): string {
  const estimate = metric.estimate === null ? 'no estimate' : formatChange(metric.estimate, TERMINAL);
  return `  ${cell.label}: ${metric.metric} ${metric.verdict}, ${estimate} (${formatInterval(metric.interval)})`;
}

function formatCells(comparison: Comparison): string[] {
  const lines = comparison.cells.flatMap((cell) =>
    cell.metrics.filter(isWorthShowing).map((metric) => formatCellMetric(cell, metric)),
  );
  if (lines.length === 0) return comparison.cells.length === 0 ? [] : ['Cells: none changed'];
  const more = lines.length > MAX_CELLS ? [`  … ${lines.length - MAX_CELLS} more in comparison.json`] : [];
  return ['Changed or undecided cells:', ...lines.slice(0, MAX_CELLS), ...more];
}

function formatNotes(notes: readonly string[]): string[] {
  if (notes.length === 0) return [];
  const more = notes.length > MAX_NOTES ? [`  … ${notes.length - MAX_NOTES} more in comparison.json`] : [];
  return ['Notes:', ...notes.slice(0, MAX_NOTES).map((note) => `  - ${note}`), ...more];
}

export function formatComparisonSummary(comparison: Comparison): string {
  const gated = comparison.settings.gated;
  return [
    formatVerdictLine(comparison),
    ...comparison.aggregates.map((aggregate) => formatAggregate(aggregate, gated.includes(aggregate.metric))),
    ...formatCells(comparison),
    ...formatNotes(comparison.overall.notes),
  ].join('\n');
}

/**
 * The overall verdict and the gate, from the per-cell verdicts and the aggregates.
 *
 * A metric's verdict is its aggregate's, except that any cell flagged as a regression (Holm-adjusted, see
 * decision-rule.ts) makes the metric a regression: a drop confined to one batch size must not be averaged
 * away. Over the gated metrics: regression if any regressed; else inconclusive if any is; else improvement if
 * any improved; else no-change. The gate fails on a regression unless the comparison is indicative only
 * (legacy baseline, or another machine under 'warn'), and always fails on another machine under 'fail'.
 * An inconclusive verdict passes unless onInconclusive is 'fail' (and the comparison is not indicative).
 * A cell the reference measured and the run under test did not (head-failures.ts) fails the gate whatever
 * the rest says: a regression, of memory when it hit the memory cap. In duet mode, a cell the base failed in on
 * its own account fails the gate too (verdict left as measured): nothing was compared there, and a check that
 * compared nothing must not pass.
 */
import type {
  Aggregate,
  CellComparison,
  ChangeLocation,
  Comparison,
  ComparisonSettings,
  HeadFailure,
  MetricName,
  Overall,
  Verdict,
} from './comparison-schema.js';
import { METRICS } from './compare-options.js';
import { describeHeadFailure } from './head-failures.js';
import { computeMinimumDetectable } from './minimum-detectable.js';

export interface OverallInput {
  settings: ComparisonSettings;
  cells: readonly CellComparison[];
  aggregates: readonly Aggregate[];
  /** Nothing was compared (another machine under 'skip'): verdict inconclusive, gate skipped. */
  skipped: boolean;
  indicativeOnly: boolean;
  /** A reason to fail whatever the measurements say (machine mismatch under 'fail'), or null. */
  forcedFailure: string | null;
  notes: string[];
  /** Cells the reference measured that the run under test did not. */
  headFailures: readonly HeadFailure[];
  /** Duet mode: cells the base failed in on its own account (nothing compared there). */
  baseFailures?: readonly HeadFailure[];
}

/** The verdict of one metric: its aggregate's, overridden by any per-cell regression. */
export function decideMetricVerdict(metric: MetricName, input: OverallInput): Verdict {
  const flagged = input.cells.some((cell) =>
    cell.metrics.some((item) => item.metric === metric && item.verdict === 'regression'),
  );
  if (flagged) return 'regression';
  const aggregate = input.aggregates.find((item) => item.metric === metric);
  return aggregate === undefined || aggregate.cells === 0 ? 'inconclusive' : aggregate.verdict;
}

/** Over several verdicts: regression if any, else inconclusive if any, else improvement if any, else no-change. */
export function combineVerdicts(verdicts: readonly Verdict[]): Verdict {
  const order: readonly Verdict[] = ['regression', 'inconclusive', 'improvement'];
  return order.find((verdict) => verdicts.includes(verdict)) ?? 'no-change';
}

/** Badness of a change: how far it went in the metric's bad direction. */
export function toBadness(metric: MetricName, estimate: number): number {
  const definition = METRICS.find((item) => item.name === metric);
  return definition?.direction === 'higher-is-better' ? -estimate : estimate;
}

function findWorstChange(input: OverallInput): ChangeLocation | null {
  let worst: ChangeLocation | null = null;
  for (const cell of input.cells) {
    for (const item of cell.metrics) {
      if (!item.gated || item.estimate === null) continue;
      if (worst === null || toBadness(item.metric, item.estimate) > toBadness(worst.metric, worst.estimate)) {
        worst = {
          metric: item.metric,
          key: cell.key,
          label: cell.label,
          estimate: item.estimate,
          interval: item.interval,
        };
      }
    }
  }
  return worst;
}

function collectReasons(input: OverallInput, gated: readonly MetricName[]): string[] {
  const failures = input.headFailures.map(
    (failure) => `failed on the run under test: ${describeHeadFailure(failure)}`,
  );
  const onBase = (input.baseFailures ?? []).map(
    (failure) => `failed on the base, so not compared: ${describeHeadFailure(failure)}`,
  );
  const reasons = [...failures, ...onBase, ...(input.forcedFailure === null ? [] : [input.forcedFailure])];
  for (const metric of gated) {
    const aggregate = input.aggregates.find((item) => item.metric === metric);
    if (aggregate !== undefined) reasons.push(`${metric}: ${aggregate.verdict} — ${aggregate.reason}`);
    for (const cell of input.cells) {
      for (const item of cell.metrics) {
        if (item.metric === metric && item.verdict === 'regression') {
          reasons.push(`${metric} at ${cell.label}: regression — ${item.reason}`);
        }
      }
    }
  }
  return reasons;
}

/** The label of an aggregate's change location: every compared cell at once. */
export const ALL_CELLS_LABEL = 'all cells';

/** The gated metrics whose aggregate regressed, with its change and interval, worst first. */
function listAggregateRegressions(input: OverallInput, gated: readonly MetricName[]): ChangeLocation[] {
  const regressed = input.aggregates.flatMap((aggregate) =>
    gated.includes(aggregate.metric) && aggregate.verdict === 'regression' && aggregate.estimate !== null
      ? [{ ...aggregate, estimate: aggregate.estimate }]
      : [],
  );
  return regressed
    .sort((a, b) => toBadness(b.metric, b.estimate) - toBadness(a.metric, a.estimate))
    .map(({ metric, estimate, interval }) => ({
      metric,
      key: null,
      label: ALL_CELLS_LABEL,
      estimate,
      interval,
    }));
}

/** The metrics that regressed, memory first when a cell hit the memory cap on the run under test. */
function listFailingMetrics(
  input: OverallInput,
  verdicts: { metric: MetricName; verdict: Verdict }[],
): MetricName[] {
  const regressed = verdicts.filter((item) => item.verdict === 'regression').map((item) => item.metric);
  const overCap = input.headFailures.some(
    (f) => f.cause === 'memory-cap' || f.cause === 'allocation-failure',
  );
  return overCap && !regressed.includes('peakMemoryMB') ? ['peakMemoryMB', ...regressed] : regressed;
}

/** Builds `overall` of comparison.json. */
export function decideOverall(input: OverallInput): Overall {
  const headFailures = [...input.headFailures];
  const baseFailures = [...(input.baseFailures ?? [])];
  if (input.skipped && headFailures.length === 0) {
    const reasons = ["not compared: the baseline is from another machine and onMachineMismatch is 'skip'"];
    const minimumDetectable: Overall['minimumDetectable'] = [];
    const base = {
      failingMetrics: [],
      aggregateRegressions: [],
      worstChange: null,
      reasons,
      notes: input.notes,
      headFailures,
      baseFailures,
      minimumDetectable,
    };
    return { verdict: 'inconclusive', gate: 'skipped', indicativeOnly: input.indicativeOnly, ...base };
  }
  const gated = input.settings.gated;
  const verdicts = gated.map((metric) => ({ metric, verdict: decideMetricVerdict(metric, input) }));
  const measuredVerdict = combineVerdicts(verdicts.map((item) => item.verdict));
  const verdict = headFailures.length > 0 ? 'regression' : measuredVerdict;
  const failingMetrics = listFailingMetrics(input, verdicts);
  const failsOnVerdict =
    verdict === 'regression' || (verdict === 'inconclusive' && input.settings.onInconclusive === 'fail');
  const fails =
    input.forcedFailure !== null ||
    headFailures.length > 0 ||
    baseFailures.length > 0 ||
    (failsOnVerdict && !input.indicativeOnly);
  return {
    headFailures,
    baseFailures,
    minimumDetectable: computeMinimumDetectable(input.aggregates, input.cells, input.settings),
    verdict,
    gate: fails ? 'fail' : 'pass',
    indicativeOnly: input.indicativeOnly,
    failingMetrics,
    aggregateRegressions: listAggregateRegressions(input, gated),
    worstChange: findWorstChange(input),
    reasons: collectReasons(input, gated),
    notes: input.notes,
  };
}

/**
 * `overall` decided again after cells or aggregates changed verdict (a confirmation), from what the
 * comparison recorded. Only for comparisons that had no forced failure: a duet compares on one machine.
 */
export function redecideOverall(comparison: Comparison, notes: string[]): Overall {
  const { overall } = comparison;
  return decideOverall({
    settings: comparison.settings,
    cells: comparison.cells,
    aggregates: comparison.aggregates,
    skipped: overall.gate === 'skipped',
    indicativeOnly: overall.indicativeOnly,
    forcedFailure: null,
    notes,
    headFailures: overall.headFailures,
    baseFailures: overall.baseFailures,
  });
}

/**
 * The smallest change a run could have detected, per gated metric: the change whose interval, at the run's
 * noise, would clear the decision horizon with 90 % power. From an interval on the log ratio of half-width w
 * at confidence c and df degrees of freedom: SE = w / t(c, df), and the change is
 * exp(ln(1 + h) + (t(c, df) + t₀.₉(df)) · SE) − 1, with h the horizon (half the threshold). See
 * docs/decision-rule.md.
 */
import { computeStudentTQuantile, computeTwoSidedTCritical } from '../../ground/stats/index.js';
import { computeHorizon } from './decision-rule.js';
import type {
  Aggregate,
  CellComparison,
  ChangeInterval,
  ComparisonSettings,
  MinimumDetectable,
} from './comparison-schema.js';

const POWER = 0.9;

/** The smallest change (in the bad direction) an interval this wide would detect with 90 % power; null without one. */
export function computeDetectableChange(interval: ChangeInterval, threshold: number): number | null {
  if (interval.kind !== 'determined' || interval.low <= -1) return null;
  const df = interval.df ?? Number.POSITIVE_INFINITY;
  const halfWidth = (Math.log1p(interval.high) - Math.log1p(interval.low)) / 2;
  const critical = computeTwoSidedTCritical(interval.confidence, df);
  const power = computeStudentTQuantile(POWER, df);
  const standardError = halfWidth / critical;
  const horizon = Math.log1p(computeHorizon(threshold));
  return Math.expm1(horizon + (critical + power) * standardError);
}

/** The cell of `metric` whose interval could detect the least, with that smallest detectable change. */
function findWorstCell(cells: readonly CellComparison[], metric: Aggregate['metric']) {
  let worst: { label: string; change: number } | null = null;
  for (const cell of cells) {
    const compared = cell.metrics.find((item) => item.metric === metric);
    const change =
      compared === undefined ? null : computeDetectableChange(compared.interval, compared.threshold);
    if (change !== null && (worst === null || change > worst.change)) worst = { label: cell.label, change };
  }
  return worst;
}

/** One entry per gated metric with an aggregate, in the comparison's metric order. */
export function computeMinimumDetectable(
  aggregates: readonly Aggregate[],
  cells: readonly CellComparison[],
  settings: Pick<ComparisonSettings, 'gated' | 'thresholds'>,
): MinimumDetectable[] {
  return aggregates
    .filter((aggregate) => settings.gated.includes(aggregate.metric))
    .map((aggregate) => {
      const threshold = settings.thresholds[aggregate.metric] ?? 0.1;
      const change = computeDetectableChange(aggregate.interval, threshold);
      return { metric: aggregate.metric, change, worstCell: findWorstCell(cells, aggregate.metric) };
    });
}

/**
 * The words of a serve duet's reports (a ServeComparison of a base and a head server): the view the renderers
 * take, each metric's name where it was measured ("knee", "p95 at 50 req/s"), and the verdict line a reviewer
 * reads first — the worst failing metric with its change, 95 % CI and sweep, or the undecided one with the
 * smallest change the run could see. Pure; untrusted text (labels, reasons) is left to each format.
 */
import type {
  ServeComparison,
  ServeMetricComparison,
  ServeSweepComparison,
} from '../../decide/compare/serve-comparison-schema.js';
import type { ServeProfile } from '../../measure/serve/serve-profile-schema.js';
import { formatChangeWithInterval, formatShare } from '../text/format-numbers.js';
import type { VerdictParts } from './format-verdict.js';
import { describeObjective, describeTextsPerRequest, formatRate } from './serve-facts.js';

/** What the serve duet's renderers take: the comparison and both sides' profiles, each side named. */
export interface ServeDuetView {
  comparison: ServeComparison;
  base: ServeProfile;
  head: ServeProfile;
  /** Untrusted: e.g. "main (abc1234)". */
  baseLabel: string;
  /** Untrusted: e.g. "pull request #12 (def5678)". */
  headLabel: string;
}

/** A metric with the sweep it was measured in. */
export interface SweepMetric {
  sweep: ServeSweepComparison;
  metric: ServeMetricComparison;
}

/** The smallest detectable changes are written without thousands separators ("12.4 %", "1250.0 %"). */
const UNGROUPED = { group: false } as const;

/** "knee", or "p95 at 50 req/s" (the reference rate). */
export function describeServeMetricName(metric: ServeMetricComparison, sweep: ServeSweepComparison): string {
  switch (metric.metric) {
    case 'knee':
      return 'knee';
    case 'p95-at-reference': {
      const rate = sweep.referenceRatePerSecond;
      return rate === null ? 'p95 at the reference rate' : `p95 at ${formatRate(rate)}`;
    }
  }
}

/** "8 texts/request": where a change was measured. */
export function describeSweepPlace(sweep: ServeSweepComparison): string {
  return `${sweep.textsPerRequest} texts/request`;
}

/** "drop" for a higher-is-better metric, "growth" for a lower-is-better one. */
export function describeBadDirection(metric: ServeMetricComparison): string {
  return metric.direction === 'higher-is-better' ? 'drop' : 'growth';
}

/** "12.4 %", or null when the run had no interval to see a change with. */
export function formatDetectable(metric: ServeMetricComparison): string | null {
  return metric.minimumDetectable === null ? null : formatShare(metric.minimumDetectable, 1, UNGROUPED);
}

/** Every metric of every sweep, in the comparison's order. */
export function listSweepMetrics(comparison: ServeComparison): SweepMetric[] {
  return comparison.sweeps.flatMap((sweep) => sweep.metrics.map((metric) => ({ sweep, metric })));
}

/** The change in the bad direction, larger is worse; a metric without an estimate counts as none. */
function measureBadness(metric: ServeMetricComparison): number {
  if (metric.estimate === null) return Number.NEGATIVE_INFINITY;
  const log = Math.log1p(metric.estimate);
  return metric.direction === 'higher-is-better' ? -log : log;
}

function measureSize(metric: ServeMetricComparison): number {
  return metric.estimate === null ? Number.NEGATIVE_INFINITY : Math.abs(Math.log1p(metric.estimate));
}

/** The entry with the largest score (the first on ties), or null. */
function pickLargest(
  items: readonly SweepMetric[],
  score: (item: SweepMetric) => number,
): SweepMetric | null {
  return items.reduce<SweepMetric | null>(
    (best, item) => (best === null || score(item) > score(best) ? item : best),
    null,
  );
}

/** "knee −18.2 % [−24.0, −12.1]". */
export function describeMetricChange(item: SweepMetric): string {
  const { metric, sweep } = item;
  return `${describeServeMetricName(metric, sweep)} ${formatChangeWithInterval(metric.estimate, metric.interval)}`;
}

/** "smallest detectable knee drop 12.4 %", or what stood in the way. */
export function describeMetricPower(item: SweepMetric): string {
  const name = describeServeMetricName(item.metric, item.sweep);
  const detectable = formatDetectable(item.metric);
  if (detectable === null)
    return `no smallest detectable ${name} ${describeBadDirection(item.metric)} (no interval)`;
  return `smallest detectable ${name} ${describeBadDirection(item.metric)} ${detectable}`;
}

const isGated = (item: SweepMetric) => item.metric.gated;

/** Most other failing metrics the regression line lists after the worst one. */
const MAX_ALSO_FAILING = 2;

/** The worst failing metric (change, CI, sweep); the next ones follow it: "also failing: p95 at 50 req/s …". */
function describeRegression(comparison: ServeComparison): VerdictParts {
  const failing = listSweepMetrics(comparison).filter(
    (item) => item.metric.gated && item.metric.verdict === 'regression',
  );
  const ranked = [...failing].sort((a, b) => measureBadness(b.metric) - measureBadness(a.metric));
  const [worst, ...others] = ranked;
  if (worst === undefined) return { tone: 'fail', title: 'Regression', change: null, where: null };
  const several = comparison.sweeps.length > 1;
  const listed = others
    .slice(0, MAX_ALSO_FAILING)
    .map((item) => `${describeMetricChange(item)}${several ? ` at ${describeSweepPlace(item.sweep)}` : ''}`);
  const more = others.length - listed.length;
  const also = [...listed, ...(more > 0 ? [`${more} more`] : [])];
  return {
    tone: 'fail',
    title: 'Regression',
    change: describeMetricChange(worst),
    where: describeSweepPlace(worst.sweep),
    power: also.length === 0 ? null : `also failing: ${also.join(', ')}`,
  };
}

/** The undecided gated metric that could see least (no interval first, then the largest detectable change). */
function describeInconclusive(comparison: ServeComparison): VerdictParts {
  const undecided = listSweepMetrics(comparison).filter(
    (item) => item.metric.gated && item.metric.verdict === 'inconclusive',
  );
  const blind = (item: SweepMetric) => item.metric.minimumDetectable ?? Number.POSITIVE_INFINITY;
  const worst = pickLargest(undecided, blind);
  if (worst === null) return { tone: 'warn', title: 'Inconclusive', change: null, where: null };
  const change = worst.metric.estimate === null ? null : describeMetricChange(worst);
  const where =
    change === null
      ? `${describeSweepPlace(worst.sweep)}: ${worst.metric.reason}`
      : describeSweepPlace(worst.sweep);
  return { tone: 'warn', title: 'Inconclusive', change, where, power: describeMetricPower(worst) };
}

/** "could detect knee drop 4.2 %, p95 at 50 req/s growth 6.0 %": the least each gated metric could see. */
export function describeDuetPower(comparison: ServeComparison): string | null {
  const gated = listSweepMetrics(comparison).filter(isGated);
  const parts = gated.flatMap((item) => {
    const detectable = formatDetectable(item.metric);
    if (detectable === null) return [];
    const place = comparison.sweeps.length > 1 ? ` at ${describeSweepPlace(item.sweep)}` : '';
    const name = describeServeMetricName(item.metric, item.sweep);
    return [`${name} ${describeBadDirection(item.metric)} ${detectable}${place}`];
  });
  return parts.length === 0 ? null : `could detect ${parts.join(', ')}`;
}

function describePass(comparison: ServeComparison, verdict: 'improvement' | 'no-change'): VerdictParts {
  const gated = listSweepMetrics(comparison).filter(isGated);
  const power = describeDuetPower(comparison);
  if (verdict === 'improvement') {
    const improved = gated.filter((item) => item.metric.verdict === 'improvement');
    const best = pickLargest(improved, (item) => -measureBadness(item.metric));
    if (best === null) return { tone: 'pass', title: 'Pass', change: 'improvement', where: null, power };
    const change = `improvement, ${describeMetricChange(best)}`;
    return { tone: 'pass', title: 'Pass', change, where: describeSweepPlace(best.sweep), power };
  }
  const largest = pickLargest(gated, (item) => measureSize(item.metric));
  if (largest === null || largest.metric.estimate === null)
    return { tone: 'pass', title: 'Pass', change: 'no change beyond the thresholds', where: null, power };
  const change = `no change beyond the thresholds; largest change ${describeMetricChange(largest)}`;
  return { tone: 'pass', title: 'Pass', change, where: describeSweepPlace(largest.sweep), power };
}

/** The verdict line of a serve duet, as parts (formatVerdictText words it). */
export function describeServeDuetVerdict(comparison: ServeComparison): VerdictParts {
  const verdict = comparison.overall.verdict;
  switch (verdict) {
    case 'regression':
      return describeRegression(comparison);
    case 'inconclusive':
      return describeInconclusive(comparison);
    case 'improvement':
    case 'no-change':
      return describePass(comparison, verdict);
  }
}

/** "8 texts per request": a sweep's heading. */
export function describeSweepHeading(sweep: ServeSweepComparison): string {
  return describeTextsPerRequest(sweep.textsPerRequest);
}

/** Longest side label in a context line. */
const MAX_LABEL_CHARS = 120;

/** "Base main (abc1234) against head …: paired windows, 2 rounds; objective …; gated knee (threshold 10.0 %)". */
export function describeServeDuetContext(
  view: ServeDuetView,
  escape: (text: string, maxChars?: number) => string,
): string {
  const { settings, sweeps } = view.comparison;
  const rounds = Math.max(0, ...sweeps.map((sweep) => sweep.rounds.length));
  const gated = settings.gated.map(
    (metric) => `${metric} (threshold ${formatShare(settings.thresholds[metric])})`,
  );
  return [
    `Base ${escape(view.baseLabel, MAX_LABEL_CHARS)} against head ${escape(view.headLabel, MAX_LABEL_CHARS)}: alternating paired windows on the same schedule, ${rounds} round${rounds === 1 ? '' : 's'}`,
    `objective ${describeObjective(settings)}`,
    `gated: ${gated.length === 0 ? 'nothing' : gated.join(', ')}`,
    `${formatShare(settings.confidence, 0)} intervals, α = ${settings.alpha}`,
  ].join('; ');
}

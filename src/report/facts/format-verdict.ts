/**
 * The one-line verdict every report starts with ("❌ Regression: throughput −12.3 % [−15.1, −9.4] at batch
 * 64"), built as parts so each format escapes the untrusted ones (cell labels, reasons) its own way. The
 * context line under it is run-context.ts's.
 */
import type { Comparison, HeadFailure } from '../../decide/compare/comparison-schema.js';
import { describeHeadFailure } from '../../decide/compare/head-failures.js';
import { describeAgreementFigures } from '../../decide/compare/quality-gate.js';
import type { Quality } from '../../decide/compare/quality-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import type { MetricRow } from './comparison-facts.js';
import { describeMetricName, findBestImprovement, findWorstRow, listMetricRows } from './comparison-facts.js';
import { formatChangeWithInterval, formatDistribution, formatShare } from '../text/format-numbers.js';
import { findBestThroughputCell } from './profile-facts.js';

export type VerdictTone = 'pass' | 'fail' | 'warn' | 'info';

export interface VerdictParts {
  tone: VerdictTone;
  /** Trusted words, e.g. "Regression". */
  title: string;
  /** Trusted: "throughput −12.3 % [−15.1, −9.4]"; null when there is no change to show. */
  change: string | null;
  /** Untrusted: the cell label the change was measured at, or a reason. */
  where: string | null;
  /** Trusted, after the rest: what was resolved and the smallest change the run could have detected. */
  power?: string | null;
}

/** The smallest detectable changes are written without thousands separators ("≥ 1250.0 %"). */
const UNGROUPED = { group: false } as const;

/** Longest untrusted part in a verdict line, in characters. */
const MAX_WHERE_CHARS = 160;

export function selectVerdictEmoji(tone: VerdictTone): string {
  switch (tone) {
    case 'pass':
      return '✅';
    case 'fail':
      return '❌';
    case 'warn':
      return '⚠️';
    case 'info':
      return 'ℹ️';
  }
}

/** Words before the change ("improvement, "), and what is said instead when there is no change to show. */
interface Lead {
  before: string;
  alone: string | null;
}

const NO_LEAD: Lead = { before: '', alone: null };

function fromRow(tone: VerdictTone, title: string, row: MetricRow | null, lead = NO_LEAD): VerdictParts {
  if (row === null) return { tone, title, change: lead.alone, where: null };
  const { metric } = row;
  const change = `${lead.before}${describeMetricName(metric.metric)} ${formatChangeWithInterval(metric.estimate, metric.interval)}`;
  return { tone, title, change, where: row.cell.label };
}

function largestChange(comparison: Comparison): MetricRow | null {
  const gated = listMetricRows(comparison).filter((row) => row.metric.gated && row.metric.estimate !== null);
  const size = (row: MetricRow) => Math.abs(row.metric.estimate ?? 0);
  return gated.sort((a, b) => size(b) - size(a))[0] ?? null;
}

/**
 * The worst regressed cell, or, when no single cell regressed, the worst aggregate that did: "throughput
 * −12.3 % [−18.0, −6.1] across all cells".
 */
function describeRegression(comparison: Comparison, tone: VerdictTone, title: string): VerdictParts {
  const row = findWorstRow(comparison, 'regression');
  const [aggregate] = comparison.overall.aggregateRegressions;
  if (row !== null || aggregate === undefined) return fromRow(tone, title, row);
  const change = `${describeMetricName(aggregate.metric)} ${formatChangeWithInterval(aggregate.estimate, aggregate.interval)} across ${aggregate.label}`;
  return { tone, title, change, where: null };
}

/** A cell the reference measured and this run did not: it heads the verdict, with its cause. */
function describeHeadFailures(failures: readonly HeadFailure[]): VerdictParts {
  const [first, ...more] = failures;
  const others = more.length === 0 ? '' : ` (and ${more.length} more cell${more.length === 1 ? '' : 's'})`;
  if (first === undefined) return { tone: 'fail', title: 'Failed', change: null, where: null };
  if (first.cause === 'memory-cap' || first.cause === 'allocation-failure') {
    const where = `${first.label} (${first.detail})${others}`;
    return { tone: 'fail', title: 'Regression', change: 'peak memory over the cap', where };
  }
  return { tone: 'fail', title: 'Failed', change: null, where: `${describeHeadFailure(first)}${others}` };
}

/** Cells the base failed in (duet mode): the check compared nothing there, and says why. */
function describeBaseFailures(failures: readonly HeadFailure[]): VerdictParts {
  const [first, ...more] = failures;
  const others = more.length === 0 ? '' : ` (and ${more.length} more cell${more.length === 1 ? '' : 's'})`;
  const where = first === undefined ? null : `${describeHeadFailure(first)}${others}`;
  return { tone: 'fail', title: 'Base failed', change: null, where };
}

/** The head's embeddings moved away from the base's beyond max-quality-drop: the figures head the line. */
function describeDrift(quality: Quality): VerdictParts {
  const limit = `beyond max-quality-drop ${quality.maxDrop ?? 0}`;
  if (quality.agreement === null)
    return { tone: 'fail', title: 'Embeddings changed', change: limit, where: quality.failure };
  const change = `${describeAgreementFigures(quality.agreement)} against the base, ${limit}`;
  return { tone: 'fail', title: 'Embeddings drifted', change, where: null };
}

function describeFailure(comparison: Comparison): VerdictParts {
  const { overall } = comparison;
  if (overall.headFailures.length > 0) return describeHeadFailures(overall.headFailures);
  if (overall.baseFailures.length > 0) return describeBaseFailures(overall.baseFailures);
  if (comparison.quality?.drifted === true) return describeDrift(comparison.quality);
  switch (overall.verdict) {
    case 'regression': {
      const confirmed = comparison.confirmation?.outcome === 'confirmed';
      return describeRegression(comparison, 'fail', confirmed ? 'Regression, confirmed' : 'Regression');
    }
    case 'inconclusive':
      return fromRow(
        'fail',
        `${inconclusiveTitle(comparison)} (fails the gate)`,
        findWorstRow(comparison, 'inconclusive'),
      );
    case 'improvement':
    case 'no-change':
      return { tone: 'fail', title: 'Gate fails', change: null, where: overall.reasons[0] ?? null };
  }
}

/** "Inconclusive", or what made it so: a regression a fresh run did not confirm. */
function inconclusiveTitle(comparison: Comparison): string {
  const unconfirmed = comparison.confirmation?.outcome === 'not-confirmed';
  return unconfirmed ? 'Inconclusive, a regression a fresh run did not confirm' : 'Inconclusive';
}

function describePass(comparison: Comparison): VerdictParts {
  switch (comparison.overall.verdict) {
    case 'regression':
      return describeRegression(comparison, 'warn', 'Regression (indicative only, does not fail the gate)');
    case 'inconclusive':
      return fromRow('warn', inconclusiveTitle(comparison), findWorstRow(comparison, 'inconclusive'));
    case 'improvement':
      return fromRow('pass', 'Pass', findBestImprovement(comparison), {
        before: 'improvement, ',
        alone: 'improvement',
      });
    case 'no-change':
      return fromRow('pass', 'Pass', largestChange(comparison), {
        before: 'no change beyond the thresholds; largest change ',
        alone: 'no change beyond the thresholds',
      });
  }
}

/** "resolved: peak memory no-change · could detect ≥ 12.3 % throughput, ≥ 3.1 % peak memory". */
export function describePower(comparison: Comparison): string | null {
  const { overall, aggregates, settings } = comparison;
  const detectable = overall.minimumDetectable.flatMap((item) => {
    if (item.change === null) return [];
    const worst = item.worstCell ?? null;
    const cell = worst === null ? '' : ` (≥ ${formatShare(worst.change, 1, UNGROUPED)} at ${worst.label})`;
    return [`≥ ${formatShare(item.change, 1, UNGROUPED)} ${describeMetricName(item.metric)}${cell}`];
  });
  const parts: string[] = [];
  if (overall.verdict === 'inconclusive') {
    const resolved = aggregates.filter(
      (aggregate) =>
        settings.gated.includes(aggregate.metric) &&
        aggregate.verdict !== 'inconclusive' &&
        !overall.failingMetrics.includes(aggregate.metric),
    );
    if (resolved.length > 0)
      parts.push(
        `resolved: ${resolved.map((a) => `${describeMetricName(a.metric)} ${a.verdict}`).join(', ')}`,
      );
  }
  if (detectable.length > 0) parts.push(`could detect ${detectable.join(', ')}`);
  return parts.length === 0 ? null : parts.join('; ');
}

/** The verdict of a comparison, as parts. */
export function describeComparisonVerdict(comparison: Comparison): VerdictParts {
  const parts = describeComparisonParts(comparison);
  return comparison.overall.gate === 'skipped' ? parts : { ...parts, power: describePower(comparison) };
}

function describeComparisonParts(comparison: Comparison): VerdictParts {
  switch (comparison.overall.gate) {
    case 'skipped':
      return {
        tone: 'warn',
        title: 'Skipped',
        change: null,
        where: comparison.overall.reasons[0] ?? null,
      };
    case 'fail':
      return describeFailure(comparison);
    case 'pass':
      return describePass(comparison);
  }
}

/** No cell was measured: a failure, with the first cell's reason. */
function describeNothingMeasured(profile: Profile): VerdictParts {
  const first = [...profile.batchSweep, ...profile.lengthSweep].find((cell) => cell.status !== 'measured');
  const why =
    first === undefined ? 'the sweep has no cell' : first.status === 'failed' ? first.error : first.detail;
  return { tone: 'fail', title: 'Nothing measured', change: null, where: why };
}

/** The first line of a report without a comparison. */
export function describeProfileVerdict(profile: Profile): VerdictParts {
  const title = 'Profile without a baseline (nothing compared)';
  const best = findBestThroughputCell(profile);
  if (best === null) return describeNothingMeasured(profile);
  const change = `best throughput ${formatDistribution(best.throughput)} texts/s`;
  return { tone: 'info', title, change, where: `batch ${best.batchSize}` };
}

/** The first line when this change adds embedprof: nothing to compare yet, and what happens after the merge. */
function describeAdoption(profile: Profile, reason: string): VerdictParts {
  const best = findBestThroughputCell(profile);
  const measured =
    best === null
      ? 'nothing measured'
      : `best throughput ${formatDistribution(best.throughput)} texts/s at batch ${best.batchSize}`;
  return {
    tone: best === null ? 'fail' : 'info',
    title: 'embedprof added in this pull request, nothing to compare with yet',
    change: null,
    where: reason,
    power: `${measured}; once this is merged, every pull request is measured side by side with its base`,
  };
}

export function describeVerdict(
  profile: Profile,
  comparison: Comparison | null,
  adoption: string | null = null,
): VerdictParts {
  if (comparison === null && adoption !== null) return describeAdoption(profile, adoption);
  return comparison === null ? describeProfileVerdict(profile) : describeComparisonVerdict(comparison);
}

/** "❌ Regression: throughput −12.3 % [−15.1, −9.4] at batch 64", the untrusted part through `escape`. */
export function formatVerdictText(
  parts: VerdictParts,
  escape: (text: string, maxChars: number) => string,
): string {
  const head = `${selectVerdictEmoji(parts.tone)} ${parts.title}`;
  const where = parts.where === null ? null : escape(parts.where, MAX_WHERE_CHARS);
  const power = parts.power === undefined || parts.power === null ? '' : ` · ${parts.power}`;
  if (parts.change === null) return `${where === null ? head : `${head}: ${where}`}${power}`;
  return `${where === null ? `${head}: ${parts.change}` : `${head}: ${parts.change} at ${where}`}${power}`;
}

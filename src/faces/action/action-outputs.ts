/**
 * The step outputs derived from a run's results: verdict, regression, the headline throughput and the peak
 * memory. Pure; the caller sets them.
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import type { OutputName } from './input-names.js';

export type Outputs = Partial<Record<OutputName, string>>;

/** Batch size whose throughput is the headline figure when it was measured. */
const HEADLINE_BATCH_SIZE = 32;

/** regression | improvement | no-change | inconclusive; skipped when not compared; none without a comparison. */
export function describeVerdictOutput(comparison: Comparison | null): string {
  if (comparison === null) return 'none';
  switch (comparison.overall.gate) {
    case 'skipped':
      return 'skipped';
    case 'pass':
    case 'fail':
      return comparison.overall.verdict;
  }
}

/** Median texts/s of the batch-32 cell, else of the first measured batch cell; null when none was measured. */
export function pickHeadlineThroughput(profile: Profile): number | null {
  const measured = profile.batchSweep.flatMap((cell) => (cell.status === 'measured' ? [cell] : []));
  const headline = measured.find((cell) => cell.batchSize === HEADLINE_BATCH_SIZE) ?? measured[0];
  return headline === undefined ? null : headline.throughput.median;
}

/** The highest median peak RSS over every measured cell, in MB. */
export function findPeakMemoryMB(profile: Profile): number | null {
  const peaks = [...profile.batchSweep, ...profile.lengthSweep].flatMap((cell) =>
    cell.status === 'measured' ? [cell.peakMemoryMB.median] : [],
  );
  return peaks.length === 0 ? null : Math.max(...peaks);
}

const round = (value: number): string => String(Math.round(value * 100) / 100);

export function buildResultOutputs(profile: Profile | null, comparison: Comparison | null): Outputs {
  const outputs: Outputs = {
    verdict: describeVerdictOutput(comparison),
    regression: String(comparison?.overall.verdict === 'regression'),
  };
  const throughput = profile === null ? null : pickHeadlineThroughput(profile);
  const peak = profile === null ? null : findPeakMemoryMB(profile);
  if (throughput !== null) outputs.throughput = round(throughput);
  if (peak !== null) outputs['peak-memory-mb'] = round(peak);
  return outputs;
}

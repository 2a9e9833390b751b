/**
 * What a comparison is asked to do, from the settings: which baseline (when any), the machine-mismatch policy
 * and the options of compareProfiles (thresholds and gated metrics).
 */
import { resolve } from 'node:path';
import type { LoadedBaseline } from '../baseline/baseline-files.js';
import type { BaselineRequest } from '../baseline/choose-baseline.js';
import type { CompareOptions } from '../compare/compare-options.js';
import { compareProfiles, recordBaselineFile } from '../compare/compare-profiles.js';
import type {
  Comparison,
  ComparisonReference,
  MachineMismatchPolicy,
  MetricName,
} from '../compare/comparison-schema.js';
import type { Profile } from '../protocol/profile-schema.js';
import { nameSetting, showPath } from '../settings/setting-names.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import type { FailOnName } from '../protocol/setting-kit/shard-and-metrics.js';

export interface ComparisonRequest {
  baseline: BaselineRequest;
  policy: MachineMismatchPolicy;
  options: CompareOptions;
}

/** A duet gate's request: the baseline is only the fallback and may be absent. */
export type GateComparisonRequest = Omit<ComparisonRequest, 'baseline'> & {
  baseline: BaselineRequest | null;
};

const METRIC_OF: Record<FailOnName, MetricName> = {
  throughput: 'throughput',
  memory: 'peakMemoryMB',
  latency: 'p95LatencyMs',
};

export function buildComparisonRequest(settings: ResolvedSettings): GateComparisonRequest {
  const { values, face, sources } = settings;
  const gated = new Set(values.failOn.map((name) => METRIC_OF[name]));
  const labels = {
    path: nameSetting('baseline', face, sources.baseline),
    name: nameSetting('baselineName', face, sources.baselineName),
  };
  return {
    baseline: values.baseline === null ? null : { path: values.baseline, name: values.baselineName, labels },
    policy: values.onMachineMismatch,
    options: {
      onMachineMismatch: values.onMachineMismatch,
      maxThroughputDrop: values.maxThroughputDrop,
      maxMemoryGrowth: values.maxMemoryGrowth,
      onInconclusive: values.failOnInconclusive ? 'fail' : 'pass',
      metrics: {
        throughput: { gated: gated.has('throughput') },
        peakMemoryMB: { gated: gated.has('peakMemoryMB') },
        p95LatencyMs: { gated: gated.has('p95LatencyMs') },
      },
    },
  };
}

/** Compares `profile` with a baseline read from a file; comparison.json records the file (cwd-relative) and its sha256. */
export function compareWithLoadedBaseline(
  loaded: LoadedBaseline,
  profile: Profile,
  options: CompareOptions,
  reference?: ComparisonReference,
): Comparison {
  const comparison = compareProfiles(loaded.baseline, profile, options, reference);
  const path = showPath(resolve(loaded.file.path), process.cwd());
  return recordBaselineFile(comparison, { path, sha256: loaded.file.sha256 });
}

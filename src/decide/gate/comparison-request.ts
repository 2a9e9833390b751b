/**
 * What a comparison is asked to do: which baseline (when any), the machine-mismatch policy and the options of
 * compareProfiles (thresholds and gated metrics). The faces build it from their settings
 * (settings/build-requests.ts).
 */
import { resolve } from 'node:path';
import type { LoadedBaseline } from '../baseline/baseline-files.js';
import type { BaselineRequest } from '../baseline/choose-baseline.js';
import type { CompareOptions } from '../compare/compare-options.js';
import { compareProfiles, recordBaselineFile } from '../compare/compare-profiles.js';
import type { Comparison, ComparisonReference, MachineMismatchPolicy } from '../compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { showPath } from '../../ground/files/show-path.js';

export interface ComparisonRequest {
  baseline: BaselineRequest;
  policy: MachineMismatchPolicy;
  options: CompareOptions;
}

/** A duet gate's request: the baseline is only the fallback and may be absent. */
export type GateComparisonRequest = Omit<ComparisonRequest, 'baseline'> & {
  baseline: BaselineRequest | null;
  /** Duet mode: the largest drop of the head's mean cosine to the base's embeddings that passes; null: not gated. */
  maxQualityDrop: number | null;
};

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

/**
 * The core's `profile`: resolve the inputs, run the sweeps and the analysis, write profile.json and the
 * reports. When a baseline is at hand (the config's gate.baselineDir, or the action's baselines/), the profile
 * is compared with it as well — for the report: a profile's exit code says only whether its cells ran.
 */
import { loadCandidateBaselines, pickBaseline } from '../decide/baseline/choose-baseline.js';
import { createFingerprint } from '../decide/baseline/fingerprint.js';
import type { Comparison } from '../decide/compare/comparison-schema.js';
import { compareWithLoadedBaseline, type GateComparisonRequest } from '../decide/gate/comparison-request.js';
import { createProfileMeasurement } from '../measure/sweep/profile-measurement.js';
import type { ProfileOptions } from '../measure/sweep/profile-options.js';
import { prepareRun } from '../measure/sweep/prepare-run.js';
import type { Profile } from '../measure/protocol/profile-schema.js';
import type { CoreDeps } from './core-deps.js';
import type { InputNames } from './input-names.js';
import type { ProfileOutcome } from './outcomes.js';
import { prepareOutputDir } from './output-files.js';
import {
  countFailedCells,
  countMeasuredCells,
  withSettings,
  writeRunFiles,
  type RunRecord,
} from './write-run-files.js';

export interface ProfileRequest {
  /** What is measured and how. */
  options: ProfileOptions;
  outDir: string;
  /** The baseline to compare with for the report, when one is named; the policy and the thresholds. */
  comparison: GateComparisonRequest;
  /** The commit and the settings the profile records. */
  record: RunRecord;
  names: InputNames;
}

/** The comparison with the baseline the request names, or null without one. */
async function compareWithBaseline(
  request: GateComparisonRequest,
  profile: Profile,
): Promise<Comparison | null> {
  if (request.baseline === null || countMeasuredCells(profile) === 0) return null;
  const candidates = await loadCandidateBaselines(request.baseline);
  const baseline = pickBaseline(candidates, createFingerprint(profile), request.policy, request.baseline);
  return compareWithLoadedBaseline(baseline, profile, request.options);
}

export async function runProfile(request: ProfileRequest, deps: CoreDeps): Promise<ProfileOutcome> {
  const { options } = request;
  const outDir = await prepareOutputDir(request.outDir, request.names);
  const run = await prepareRun(options, outDir, deps.progress);
  const measurement = createProfileMeasurement({ ...run, options, startedAt: deps.now(), now: deps.now });
  const states = await measurement.measure(measurement.cells, options.processes, options.seed);
  const profile = withSettings(
    measurement.build(states, await measurement.analyze()),
    request.record,
    deps.cwd,
  );
  const comparison = await compareWithBaseline(request.comparison, profile);
  const files = await writeRunFiles(outDir, { profile, baseProfile: null, comparison });
  run.progress.finish();
  const exitCode = countFailedCells(profile) > 0 || countMeasuredCells(profile) === 0 ? 1 : 0;
  return { kind: 'profile', profile, comparison, outDir, files, exitCode };
}

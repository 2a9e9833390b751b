/**
 * The core's `profile`: resolve the inputs, run the sweeps and the analysis, write profile.json and the
 * reports. When a baseline is at hand (the config's gate.baselineDir, or the action's baselines/), the profile
 * is compared with it as well — for the report: a profile's exit code says only whether its cells ran.
 */
import { loadCandidateBaselines, pickBaseline } from '../baseline/choose-baseline.js';
import { createFingerprint } from '../baseline/fingerprint.js';
import type { Comparison } from '../compare/comparison-schema.js';
import { buildComparisonRequest, compareWithLoadedBaseline } from '../gate/comparison-request.js';
import { createProfileMeasurement } from '../run/profile-measurement.js';
import { prepareRun } from '../run/prepare-run.js';
import type { Profile } from '../protocol/profile-schema.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import type { CoreDeps } from './core-deps.js';
import type { ProfileOutcome } from './outcomes.js';
import { prepareOutputDir } from './output-files.js';
import { countFailedCells, countMeasuredCells, withSettings, writeRunFiles } from './write-run-files.js';

/** The comparison with the baseline the settings name, or null without one. */
async function compareWithBaseline(settings: ResolvedSettings, profile: Profile): Promise<Comparison | null> {
  const request = buildComparisonRequest(settings);
  if (request.baseline === null || countMeasuredCells(profile) === 0) return null;
  const candidates = await loadCandidateBaselines(request.baseline);
  const baseline = pickBaseline(candidates, createFingerprint(profile), request.policy, request.baseline);
  return compareWithLoadedBaseline(baseline, profile, request.options);
}

export async function runProfile(settings: ResolvedSettings, deps: CoreDeps): Promise<ProfileOutcome> {
  const options = settings.values;
  const outDir = await prepareOutputDir(options.out, settings);
  const run = await prepareRun(options, outDir, deps.progress);
  const measurement = createProfileMeasurement({ ...run, options, startedAt: deps.now(), now: deps.now });
  const states = await measurement.measure(measurement.cells, options.processes, options.seed);
  const profile = withSettings(measurement.build(states, await measurement.analyze()), settings, deps.cwd);
  const comparison = await compareWithBaseline(settings, profile);
  const files = await writeRunFiles(outDir, { profile, baseProfile: null, comparison });
  run.progress.finish();
  const exitCode = countFailedCells(profile) > 0 || countMeasuredCells(profile) === 0 ? 1 : 0;
  return { kind: 'profile', profile, comparison, outDir, files, exitCode };
}

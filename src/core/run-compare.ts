/** The core's `compare`: a profile.json against a baseline, written as comparison.json. */
import { loadCandidateBaselines, pickBaseline } from '../baseline/choose-baseline.js';
import { createFingerprint } from '../baseline/fingerprint.js';
import { buildComparisonRequest, compareWithLoadedBaseline } from '../gate/comparison-request.js';
import { decideGateExitCode } from '../gate/gate-exit-code.js';
import { createSettingError, type ResolvedSettings } from '../settings/resolve-settings.js';
import type { CompareOutcome } from './outcomes.js';
import { prepareOutputDir } from './output-files.js';
import { readProfileFile } from './read-profile-file.js';
import { writeComparison } from './write-comparison.js';

export async function runCompare(settings: ResolvedSettings): Promise<CompareOutcome> {
  const request = buildComparisonRequest(settings);
  const baselineRequest = request.baseline;
  if (baselineRequest === null) {
    throw createSettingError(settings, 'baseline', {
      expected: 'a baseline file or a folder of baselines',
      received: 'nothing',
      example: 'baselines',
    });
  }
  const current = settings.values.current;
  if (current === null) {
    throw createSettingError(settings, 'current', {
      expected: 'the profile.json of the run under test',
      received: 'nothing',
      example: 'embedprof-out/profile.json',
    });
  }
  const candidates = await loadCandidateBaselines(baselineRequest);
  const profile = await readProfileFile(current, '--current');
  const outDir = await prepareOutputDir(settings.values.out, settings);
  const baseline = pickBaseline(candidates, createFingerprint(profile), request.policy, baselineRequest);
  const comparison = compareWithLoadedBaseline(baseline, profile, request.options);
  const files = [await writeComparison(outDir, comparison)];
  return { kind: 'compare', comparison, files, exitCode: decideGateExitCode(comparison) };
}

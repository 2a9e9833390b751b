/** The core's `compare`: a profile.json against a baseline, written as comparison.json. */
import { loadCandidateBaselines, pickBaseline } from '../decide/baseline/choose-baseline.js';
import { createFingerprint } from '../decide/baseline/fingerprint.js';
import { compareWithLoadedBaseline, type GateComparisonRequest } from '../decide/gate/comparison-request.js';
import { decideGateExitCode } from '../decide/gate/gate-exit-code.js';
import { createInputError, type InputNames } from './input-names.js';
import type { CompareOutcome } from './outcomes.js';
import { prepareOutputDir } from './output-files.js';
import { readProfileFile } from './read-profile-file.js';
import { writeComparison } from './write-comparison.js';

export interface CompareRequest {
  /** The profile.json of the run under test; null is an input error naming it. */
  current: string | null;
  /** The baseline to compare with (null is an input error naming it), the policy and the thresholds. */
  comparison: GateComparisonRequest;
  outDir: string;
  names: InputNames;
}

export async function runCompare(request: CompareRequest): Promise<CompareOutcome> {
  const { comparison: compared, current, names } = request;
  const baselineRequest = compared.baseline;
  if (baselineRequest === null) {
    throw createInputError(names, 'baseline', {
      expected: 'a baseline file or a folder of baselines',
      received: 'nothing',
      example: 'baselines',
    });
  }
  if (current === null) {
    throw createInputError(names, 'current', {
      expected: 'the profile.json of the run under test',
      received: 'nothing',
      example: 'embedprof-out/profile.json',
    });
  }
  const candidates = await loadCandidateBaselines(baselineRequest);
  const profile = await readProfileFile(current, '--current');
  const outDir = await prepareOutputDir(request.outDir, names);
  const baseline = pickBaseline(candidates, createFingerprint(profile), compared.policy, baselineRequest);
  const comparison = compareWithLoadedBaseline(baseline, profile, compared.options);
  const files = [await writeComparison(outDir, comparison)];
  return { kind: 'compare', comparison, files, exitCode: decideGateExitCode(comparison) };
}

/** The core's `profile`: resolve the inputs, run the sweeps and the analysis, write profile.json and the reports. */
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import { createProfileMeasurement } from '../run/profile-measurement.js';
import { prepareRun } from '../run/prepare-run.js';
import type { CoreDeps } from './core-deps.js';
import type { ProfileOutcome } from './outcomes.js';
import { prepareOutputDir } from './output-files.js';
import { countFailedCells, countMeasuredCells, withSettings, writeRunFiles } from './write-run-files.js';

export async function runProfile(settings: ResolvedSettings, deps: CoreDeps): Promise<ProfileOutcome> {
  const options = settings.values;
  const outDir = await prepareOutputDir(options.out, settings);
  const run = await prepareRun(options, outDir, deps.progress);
  const { progress } = run;
  const measurement = createProfileMeasurement({ ...run, options, startedAt: deps.now() });
  const states = await measurement.measure(measurement.cells, options.processes, options.seed);
  const profile = withSettings(measurement.build(states, await measurement.analyze()), settings);
  const files = await writeRunFiles(outDir, { profile, baseProfile: null, comparison: null });
  progress.finish();
  return {
    kind: 'profile',
    profile,
    outDir,
    files,
    exitCode: countFailedCells(profile) > 0 || countMeasuredCells(profile) === 0 ? 1 : 0,
  };
}

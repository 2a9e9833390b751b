/** The core's `report`: the reports of an existing profile (and comparison), without measuring anything. */
import { createSettingError, type ResolvedSettings } from '../settings/resolve-settings.js';
import type { ReportOutcome } from './outcomes.js';
import { prepareOutputDir } from './output-files.js';
import { readComparisonFile } from './read-comparison-file.js';
import { readProfileFile } from './read-profile-file.js';
import { writeReports } from './write-reports.js';

export async function runReport(settings: ResolvedSettings): Promise<ReportOutcome> {
  const { profileFile, comparisonFile, out } = settings.values;
  if (profileFile === null) {
    throw createSettingError(settings, 'profileFile', {
      expected: 'a profile.json path',
      received: 'nothing',
      example: 'embedprof-out/profile.json',
    });
  }
  const profile = await readProfileFile(profileFile, '--profile');
  const comparison =
    comparisonFile === null ? null : await readComparisonFile(comparisonFile, '--comparison');
  const outDir = await prepareOutputDir(out, settings);
  return { kind: 'report', files: await writeReports(outDir, profile, comparison) };
}

/** The core's `report`: the reports of an existing profile (and comparison), without measuring anything. */
import { createInputError, type InputNames } from './input-names.js';
import type { ReportOutcome } from './outcomes.js';
import { prepareOutputDir } from './output-files.js';
import { readComparisonFile } from './read-comparison-file.js';
import { readProfileFile } from './read-profile-file.js';
import { writeReports } from './write-reports.js';

export interface ReportRequest {
  /** The profile.json to report on; null is an input error naming it. */
  profileFile: string | null;
  comparisonFile: string | null;
  outDir: string;
  names: InputNames;
}

export async function runReport(request: ReportRequest): Promise<ReportOutcome> {
  const { profileFile, comparisonFile, outDir: out, names } = request;
  if (profileFile === null) {
    throw createInputError(names, 'profileFile', {
      expected: 'a profile.json path',
      received: 'nothing',
      example: 'embedprof-out/profile.json',
    });
  }
  const profile = await readProfileFile(profileFile, '--profile');
  const comparison =
    comparisonFile === null ? null : await readComparisonFile(comparisonFile, '--comparison');
  const outDir = await prepareOutputDir(out, names);
  return { kind: 'report', files: await writeReports(outDir, profile, comparison) };
}

/** The files of a run, each validated as it will be read back and written atomically into the output folder. */
import type { Comparison } from '../compare/comparison-schema.js';
import { profileSchema, type Profile } from '../schema/profile-schema.js';
import { listChosenSettings } from '../settings/describe-settings.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';
import { readGitHead } from './read-provenance.js';
import { writeJsonAtomically } from './output-files.js';
import { writeComparison } from './write-comparison.js';
import { writeReports } from './write-reports.js';

export interface RunDocuments {
  profile: Profile;
  baseProfile: Profile | null;
  comparison: Comparison | null;
  /** Why nothing was compared: this change adds embedprof (see run-gate-check.ts). */
  adoption?: string | null;
}

/** profile.json, base-profile.json (duet mode), comparison.json and the reports; the paths written. */
export async function writeRunFiles(outDir: string, documents: RunDocuments): Promise<string[]> {
  const { profile, baseProfile, comparison } = documents;
  const files = [await writeJsonAtomically(outDir, 'profile.json', profileSchema.parse(profile))];
  if (baseProfile !== null)
    files.push(await writeJsonAtomically(outDir, 'base-profile.json', profileSchema.parse(baseProfile)));
  if (comparison !== null) files.push(await writeComparison(outDir, comparison));
  files.push(...(await writeReports(outDir, profile, comparison, documents.adoption ?? null)));
  return files;
}

/** The profile with its commit and the settings it ran with (those not left at their defaults, with sources). */
export function withSettings(profile: Profile, settings: ResolvedSettings, cwd: string): Profile {
  const commit = settings.values.commit ?? readGitHead(cwd);
  return { ...profile, commit, settings: listChosenSettings(settings) };
}

export function countFailedCells(profile: Profile): number {
  return [...profile.batchSweep, ...profile.lengthSweep].filter((cell) => cell.status === 'failed').length;
}

export function countMeasuredCells(profile: Profile): number {
  return [...profile.batchSweep, ...profile.lengthSweep].filter((cell) => cell.status === 'measured').length;
}

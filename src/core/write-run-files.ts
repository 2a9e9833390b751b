/** The files of a run, each validated as it will be read back and written atomically into the output folder. */
import type { Comparison } from '../decide/compare/comparison-schema.js';
import { profileSchema, type Profile } from '../measure/protocol/profile-schema.js';
import { readGitHead } from './read-provenance.js';
import { writeFileSet, type SetFile } from '../ground/files/write-file-set.js';
import { serializeComparison } from './write-comparison.js';
import { renderReportFiles } from './write-reports.js';

export interface RunDocuments {
  profile: Profile;
  baseProfile: Profile | null;
  comparison: Comparison | null;
  /** Why nothing was compared: this change adds embedprof (see run-gate-check.ts). */
  adoption?: string | null;
}

/** A setting the run did not take from its default, as profile.json lists it: `processes`, `5`, `--processes`. */
export type RecordedSetting = NonNullable<Profile['settings']>[number];

/** What a profile records about how it was asked for, as the face describes it. */
export interface RunRecord {
  /** The commit measured (--commit); null for git HEAD in the working directory. */
  commit: string | null;
  /** The settings not left at their defaults, each with where it came from. */
  settings: RecordedSetting[];
}

const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * profile.json, base-profile.json (duet mode), comparison.json and the reports, written as one set: all or
 * none (files/write-file-set.ts); the paths written, profile.json first.
 */
export function writeRunFiles(outDir: string, documents: RunDocuments): Promise<string[]> {
  const { profile, baseProfile, comparison } = documents;
  const files: SetFile[] = [{ name: 'profile.json', data: toJson(profileSchema.parse(profile)) }];
  if (baseProfile !== null)
    files.push({ name: 'base-profile.json', data: toJson(profileSchema.parse(baseProfile)) });
  if (comparison !== null) files.push({ name: 'comparison.json', data: serializeComparison(comparison) });
  files.push(...renderReportFiles(profile, comparison, documents.adoption ?? null));
  return writeFileSet(outDir, files);
}

/** The profile with its commit and the settings it ran with (those not left at their defaults, with sources). */
export function withSettings(profile: Profile, record: RunRecord, cwd: string): Profile {
  const commit = record.commit ?? readGitHead(cwd);
  return { ...profile, commit, settings: record.settings };
}

export function countFailedCells(profile: Profile): number {
  return [...profile.batchSweep, ...profile.lengthSweep].filter((cell) => cell.status === 'failed').length;
}

export function countMeasuredCells(profile: Profile): number {
  return [...profile.batchSweep, ...profile.lengthSweep].filter((cell) => cell.status === 'measured').length;
}

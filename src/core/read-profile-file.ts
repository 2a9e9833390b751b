import { readFile } from 'node:fs/promises';
import { readDocumentFile } from '../ground/files/read-document-file.js';
import { profileSchema, type Profile } from '../measure/protocol/profile-schema.js';
import { PROFILE_SCHEMA_VERSION } from '../ground/schema/profile-sections-schema.js';
import {
  SERVE_PROFILE_SCHEMA_VERSION,
  serveProfileSchema,
  type ServeProfile,
} from '../measure/serve/serve-profile-schema.js';

/**
 * Reads a profile.json given on the command line. Missing, corrupt, truncated or future-version files are one
 * UsageError naming the flag and the file.
 */
export function readProfileFile(path: string, flag: string): Promise<Profile> {
  return readDocumentFile({
    path,
    input: `${flag} ${path}`,
    schema: profileSchema,
    kind: { name: 'profile', currentVersion: PROFILE_SCHEMA_VERSION },
    expected: 'a readable profile.json written by `embedprof profile`',
    fix: 'Check the path, or run `embedprof profile --out DIR` first.',
  });
}

export function readServeProfileFile(path: string, flag: string): Promise<ServeProfile> {
  return readDocumentFile({
    path,
    input: `${flag} ${path}`,
    schema: serveProfileSchema,
    kind: { name: 'serve profile', currentVersion: SERVE_PROFILE_SCHEMA_VERSION },
    expected: 'a readable serve-profile.json written by `embedprof serve-profile`',
    fix: 'Check the path, or run `embedprof serve-profile --out DIR` first.',
  });
}

export type MeasuredDocument =
  { kind: 'profile'; profile: Profile } | { kind: 'serve'; profile: ServeProfile };

/**
 * A profile.json or a serve-profile.json, told apart by a serve profile's `sweeps`; anything else is read as a
 * profile.json, whose reader names what is wrong with it.
 */
export async function readMeasuredFile(path: string, flag: string): Promise<MeasuredDocument> {
  if (await hasServeSections(path)) return { kind: 'serve', profile: await readServeProfileFile(path, flag) };
  return { kind: 'profile', profile: await readProfileFile(path, flag) };
}

async function hasServeSections(path: string): Promise<boolean> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'sweeps' in parsed && 'plan' in parsed;
  } catch {
    return false;
  }
}

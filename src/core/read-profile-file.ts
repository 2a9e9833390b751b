import { readDocumentFile, readDocumentText } from '../ground/files/read-document-file.js';
import { parseDocument } from '../ground/schema/parse-document.js';
import { profileSchema, type Profile } from '../measure/protocol/profile-schema.js';
import { PROFILE_SCHEMA_VERSION } from '../ground/schema/profile-sections-schema.js';
import {
  SERVE_PROFILE_SCHEMA_VERSION,
  serveProfileSchema,
  type ServeProfile,
} from '../measure/serve/serve-profile-schema.js';

const PROFILE_KIND = { name: 'profile', currentVersion: PROFILE_SCHEMA_VERSION };
const SERVE_KIND = { name: 'serve profile', currentVersion: SERVE_PROFILE_SCHEMA_VERSION };

/**
 * Reads a profile.json given on the command line. Missing, corrupt, truncated or future-version files are one
 * UsageError naming the flag and the file.
 */
export function readProfileFile(path: string, flag: string): Promise<Profile> {
  return readDocumentFile({
    path,
    input: `${flag} ${path}`,
    schema: profileSchema,
    kind: PROFILE_KIND,
    expected: 'a readable profile.json written by `embedprof profile`',
    fix: 'Check the path, or run `embedprof profile --out DIR` first.',
  });
}

export type MeasuredDocument =
  { kind: 'profile'; profile: Profile } | { kind: 'serve'; profile: ServeProfile };

/**
 * A profile.json or a serve-profile.json, read once and told apart by a serve profile's `sweeps` and `plan`;
 * anything else is parsed as a profile.json, whose schema names what is wrong with it.
 */
export async function readMeasuredFile(path: string, flag: string): Promise<MeasuredDocument> {
  const text = await readDocumentText({
    path,
    input: `${flag} ${path}`,
    expected: 'a readable profile.json or serve-profile.json written by embedprof',
    fix: 'Check the path, or run `embedprof profile --out DIR` (or `embedprof serve-profile`) first.',
  });
  if (hasServeSections(text)) {
    return { kind: 'serve', profile: parseDocument(text, serveProfileSchema, SERVE_KIND, path) };
  }
  return { kind: 'profile', profile: parseDocument(text, profileSchema, PROFILE_KIND, path) };
}

function hasServeSections(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && 'sweeps' in parsed && 'plan' in parsed;
  } catch {
    return false;
  }
}

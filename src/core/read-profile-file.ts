import { readDocumentFile } from '../ground/files/read-document-file.js';
import { profileSchema, type Profile } from '../measure/protocol/profile-schema.js';
import { PROFILE_SCHEMA_VERSION } from '../ground/schema/profile-sections-schema.js';

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

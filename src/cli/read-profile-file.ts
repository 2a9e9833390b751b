import { readFile } from 'node:fs/promises';
import { createUsageError, describeError } from '../errors.js';
import { parseDocument } from '../schema/parse-document.js';
import { PROFILE_SCHEMA_VERSION, profileSchema, type Profile } from '../schema/profile-schema.js';

/**
 * Reads a profile.json given on the command line. Missing, corrupt, truncated or future-version files are one
 * UsageError naming the flag and the file.
 */
export async function readProfileFile(path: string, flag: string): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw createUsageError({
      input: `${flag} ${path}`,
      expected: 'a readable profile.json written by `embedprof profile`',
      received: `a read error (${describeError(error)})`,
      fix: 'Check the path, or run `embedprof profile --out DIR` first.',
    });
  }
  return parseDocument(
    text,
    profileSchema,
    { name: 'profile', currentVersion: PROFILE_SCHEMA_VERSION },
    path,
  );
}

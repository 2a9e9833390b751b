/** serve-profile.json and its reports, validated as they will be read back and written as one set. */
import { writeFileSet, type SetFile } from '../ground/files/write-file-set.js';
import { serveProfileSchema, type ServeProfile } from '../measure/serve/serve-profile-schema.js';

const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The paths written, serve-profile.json first. */
export function writeServeFiles(outDir: string, profile: ServeProfile): Promise<string[]> {
  const files: SetFile[] = [{ name: 'serve-profile.json', data: toJson(serveProfileSchema.parse(profile)) }];
  return writeFileSet(outDir, files);
}

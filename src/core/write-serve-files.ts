/** serve-profile.json and its reports, validated as they will be read back and written as one set. */
import { writeFileSet, type SetFile } from '../ground/files/write-file-set.js';
import { serveProfileSchema, type ServeProfile } from '../measure/serve/serve-profile-schema.js';
import { renderServeAll } from '../report/index.js';

const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The paths written, serve-profile.json first; then serve-report.md/.html, serve-profile.csv, serve-curve.svg. */
export function writeServeFiles(outDir: string, profile: ServeProfile): Promise<string[]> {
  const files: SetFile[] = [{ name: 'serve-profile.json', data: toJson(serveProfileSchema.parse(profile)) }];
  for (const { file, content } of renderServeAll(profile)) files.push({ name: file, data: content });
  return writeFileSet(outDir, files);
}

import type { Comparison } from '../compare/index.js';
import { renderAll } from '../report/index.js';
import type { Profile } from '../schema/profile-schema.js';
import { join } from 'node:path';
import { writeFilesAtomically } from '../files/atomic-write.js';

/** Renders every report that applies and writes them into `dir` as one set; returns the paths written. */
export async function writeReports(
  dir: string,
  profile: Profile,
  comparison: Comparison | null,
  adoption: string | null = null,
): Promise<string[]> {
  const files = renderAll({ profile, comparison, adoption }).map(({ file, content }) => ({
    path: join(dir, file),
    data: content,
  }));
  await writeFilesAtomically(files);
  return files.map((file) => file.path);
}

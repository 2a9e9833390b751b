import type { Comparison } from '../compare/index.js';
import { renderAll } from '../report/index.js';
import type { Profile } from '../schema/profile-schema.js';
import { writeFileAtomically } from './output-files.js';

/** Renders every report that applies and writes each atomically into `dir`; returns the paths written. */
export async function writeReports(
  dir: string,
  profile: Profile,
  comparison: Comparison | null,
  adoption: string | null = null,
): Promise<string[]> {
  const paths: string[] = [];
  for (const { file, content } of renderAll({ profile, comparison, adoption })) {
    paths.push(await writeFileAtomically(dir, file, content));
  }
  return paths;
}

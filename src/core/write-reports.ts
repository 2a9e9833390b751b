import type { Comparison } from '../decide/compare/index.js';
import { writeFileSet, type SetFile } from '../ground/files/write-file-set.js';
import { renderAll } from '../report/index.js';
import type { Profile } from '../measure/protocol/profile-schema.js';

/** Every report that applies, as files of a set (see files/write-file-set.ts). */
export function renderReportFiles(
  profile: Profile,
  comparison: Comparison | null,
  adoption: string | null = null,
): SetFile[] {
  return renderAll({ profile, comparison, adoption }).map(({ file, content }) => ({
    name: file,
    data: content,
  }));
}

/** Renders every report that applies and writes them into `dir` as one set; returns the paths written. */
export function writeReports(
  dir: string,
  profile: Profile,
  comparison: Comparison | null,
  adoption: string | null = null,
): Promise<string[]> {
  return writeFileSet(dir, renderReportFiles(profile, comparison, adoption));
}

/**
 * The serve gate's files: each side's serve-profile.json and reports in base/ and head/ (write-serve-files.ts),
 * then serve-comparison.json (serve-duet-schema.ts) beside them, validated as it will be read back, and the
 * comparison's reports (serve-comparison.md/.html, the curve as SVG) when the sides could be compared.
 */
import { join } from 'node:path';
import type { ServeComparison } from '../decide/compare/serve-comparison-schema.js';
import {
  SERVE_DUET_SCHEMA_VERSION,
  serveDuetSchema,
  type ServeDuetDocument,
} from '../decide/duet/serve-duet-schema.js';
import type { ServeProfile } from '../measure/serve/serve-profile-schema.js';
import { createFolders } from '../ground/files/check-path.js';
import { renderServeDuetAll } from '../report/index.js';
import { writeFileSet } from '../ground/files/write-file-set.js';
import { writeFileAtomically } from './output-files.js';
import { writeServeFiles } from './write-serve-files.js';

export interface ServeGateFiles {
  baseRef: string;
  base: ServeProfile;
  head: ServeProfile;
  comparison: ServeComparison | null;
  problems: string[];
  /** Untrusted: how the reports name each side, e.g. "origin/main (abc1234)". */
  labels: { base: string; head: string };
}

const PROFILE = 'serve-profile.json';

/** The paths written: serve-comparison.json first, then the base's and the head's serve files. */
export async function writeServeGateFiles(outDir: string, files: ServeGateFiles): Promise<string[]> {
  const written: string[] = [];
  for (const side of ['base', 'head'] as const) {
    const dir = join(outDir, side);
    await createFolders(dir);
    written.push(...(await writeServeFiles(dir, files[side])));
  }
  const document = buildServeDuetDocument(files);
  const text = `${JSON.stringify(serveDuetSchema.parse(JSON.parse(JSON.stringify(document))), null, 2)}\n`;
  const comparisonFile = await writeFileAtomically(outDir, 'serve-comparison.json', text);
  const reports =
    files.comparison === null ? [] : await writeServeDuetReports(outDir, files, files.comparison);
  return [comparisonFile, ...reports, ...written];
}

function writeServeDuetReports(outDir: string, files: ServeGateFiles, comparison: ServeComparison) {
  const view = { comparison, base: files.base, head: files.head, ...toViewLabels(files.labels) };
  return writeFileSet(
    outDir,
    renderServeDuetAll(view).map(({ file, content }) => ({ name: file, data: content })),
  );
}

const toViewLabels = (labels: ServeGateFiles['labels']) => ({
  baseLabel: labels.base,
  headLabel: labels.head,
});

export function buildServeDuetDocument(files: ServeGateFiles): ServeDuetDocument {
  const { base, head } = files;
  const side = (profile: ServeProfile, name: 'base' | 'head') => ({
    commit: profile.commit,
    command: profile.target.kind === 'command' ? profile.target.command : profile.target.url,
    sweeps: profile.sweeps,
    profile: `${name}/${PROFILE}`,
  });
  return {
    schemaVersion: SERVE_DUET_SCHEMA_VERSION,
    tool: head.tool,
    createdAt: head.createdAt,
    wallSeconds: head.wallSeconds,
    baseRef: files.baseRef,
    plan: head.plan,
    base: side(base, 'base'),
    head: side(head, 'head'),
    comparison: files.comparison,
    problems: files.problems,
  };
}

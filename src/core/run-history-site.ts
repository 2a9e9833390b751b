/**
 * The core's `history site`: the dashboard of the recorded series (report/history-site) written into a
 * folder as one set, so a published site never mixes two generations. The caller reads the store into
 * HistorySeries[]; this validates the context, renders and writes.
 */
import { resolve } from 'node:path';
import { createUsageError, describeError } from '../ground/errors.js';
import { writeFileSet } from '../ground/files/write-file-set.js';
import type { HistorySeries } from '../history/history-series.js';
import { isWebAddress, renderHistorySite } from '../report/site/index.js';
import type { CoreDeps } from './core-deps.js';
import type { HistorySiteOutcome } from './outcomes.js';
import { createFolders } from '../ground/files/check-path.js';

export interface HistorySiteRequest {
  series: readonly HistorySeries[];
  context: {
    title: string;
    /** e.g. "https://github.com/o/r" (from GITHUB_SERVER_URL/GITHUB_REPOSITORY); null for no commit links. */
    repositoryUrl: string | null;
  };
  /** The site's folder, relative to `deps.cwd` unless absolute; created when missing. */
  outDir: string;
  /** How the folder and the address were given, for messages (default `--out`, `--repository-url`). */
  labels?: { outDir?: string; repositoryUrl?: string };
}

function assertRepositoryUrl(request: HistorySiteRequest): void {
  const url = request.context.repositoryUrl;
  if (url === null || isWebAddress(url)) return;
  throw createUsageError({
    input: request.labels?.repositoryUrl ?? '--repository-url',
    expected: 'an http(s) address of the repository, without spaces or quotes',
    received: JSON.stringify(url),
    fix: 'Pass the repository page, e.g. https://github.com/owner/repo, or leave it out for no commit links.',
  });
}

async function prepareSiteFolder(request: HistorySiteRequest, cwd: string): Promise<string> {
  const folder = resolve(cwd, request.outDir);
  try {
    await createFolders(folder);
  } catch (error) {
    throw createUsageError({
      input: request.labels?.outDir ?? '--out',
      expected: 'a folder embedprof can create and write',
      received: `${JSON.stringify(request.outDir)} (${describeError(error)})`,
      fix: 'Choose another site folder or fix its permissions.',
    });
  }
  return folder;
}

export async function runHistorySite(
  request: HistorySiteRequest,
  deps: Pick<CoreDeps, 'cwd' | 'now'>,
): Promise<HistorySiteOutcome> {
  assertRepositoryUrl(request);
  const outDir = await prepareSiteFolder(request, deps.cwd);
  const context = { ...request.context, generatedAt: deps.now().toISOString() };
  const rendered = renderHistorySite(request.series, context);
  const files = await writeFileSet(
    outDir,
    rendered.map((file) => ({ name: file.path, data: file.content })),
  );
  return {
    kind: 'history-site',
    outDir,
    files,
    cells: new Set(request.series.map((series) => series.cellId)).size,
    series: request.series.length,
    points: request.series.reduce((sum, series) => sum + series.points.length, 0),
  };
}

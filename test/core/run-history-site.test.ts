import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureFailure, runHistorySite } from '../../src/core/index.js';
import { buildSyntheticHistory } from '../report/site/synthetic-history.js';

const NOW = new Date('2026-10-25T06:00:00.000Z');
const context = { title: 'embedprof history: o/r', repositoryUrl: 'https://github.com/o/r' };

async function withFolder(run: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'embedprof-site-'));
  try {
    await run(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

test('history site: index.html written into a new nested folder (relative to cwd), with the counts', async () => {
  await withFolder(async (root) => {
    const series = buildSyntheticHistory();
    const outcome = await runHistorySite(
      { series, context, outDir: 'site/nested' },
      { cwd: root, now: () => NOW },
    );
    const outDir = join(root, 'site', 'nested');
    assert.deepEqual(outcome, {
      kind: 'history-site',
      outDir,
      files: [join(outDir, 'index.html')],
      cells: 3,
      series: 9,
      points: series.reduce((sum, item) => sum + item.points.length, 0),
    });
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    assert.match(html, /generated 2026-10-25 06:00 UTC/, 'the time comes from deps.now');
    assert.deepEqual(await readdir(outDir), ['index.html'], 'no temporary file left');
  });
});

test('history site: a second run replaces the page, an empty history writes the "nothing yet" page', async () => {
  await withFolder(async (root) => {
    const deps = { cwd: root, now: () => NOW };
    await runHistorySite({ series: buildSyntheticHistory({ runs: 20 }), context, outDir: root }, deps);
    await runHistorySite({ series: [], context, outDir: root }, deps);
    const html = await readFile(join(root, 'index.html'), 'utf8');
    assert.match(html, /No history yet/);
  });
});

test('history site: an address that is not http(s) or a folder that cannot be made is an input error (exit 2)', async () => {
  await withFolder(async (root) => {
    const deps = { cwd: root, now: () => NOW };
    const badUrl = await captureFailure(() =>
      runHistorySite(
        { series: [], context: { ...context, repositoryUrl: 'javascript:alert(1)' }, outDir: 's' },
        deps,
      ),
    );
    assert.equal(badUrl.kind, 'failed');
    assert.ok(badUrl.kind === 'failed' && badUrl.exitCode === 2);
    assert.match(
      badUrl.kind === 'failed' ? badUrl.message : '',
      /^--repository-url: expected an http\(s\) address/,
    );
    await writeFile(join(root, 'file'), 'not a folder');
    const badFolder = await captureFailure(() =>
      runHistorySite({ series: [], context, outDir: 'file/site', labels: { outDir: 'site-dir' } }, deps),
    );
    assert.ok(badFolder.kind === 'failed' && badFolder.exitCode === 2);
    assert.match(
      badFolder.message,
      /^site-dir: expected a folder embedprof can create and write, received "file\/site"/,
    );
  });
});

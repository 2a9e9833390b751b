/**
 * A run's files are one set: when the disk fills while they are written, the previous set in the output
 * folder stays byte-identical and a fresh folder gets no partial set. The disk is a real 4 MB tmpfs where
 * this process may mount one (root, as in CI); elsewhere the write is made to fail as test/ground/files does, by an
 * entry that is in the way.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRunFiles, type RunDocuments } from '../../src/core/write-run-files.js';
import { loadFixtureComparison, loadFixtureProfile } from '../report/fixtures/report-fixtures.js';

const previous: RunDocuments = {
  profile: loadFixtureProfile(),
  baseProfile: null,
  comparison: loadFixtureComparison(),
};
const next: RunDocuments = {
  ...previous,
  profile: { ...previous.profile, createdAt: '2031-01-01T00:00:00.000Z', commit: 'f'.repeat(40) },
};

/** Each entry of `dir` with its text ('' for a folder). */
function readFolder(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true }).map((entry) => [
      entry.name,
      entry.isFile() ? readFileSync(join(dir, entry.name), 'utf8') : '',
    ]),
  );
}

/** Where no tmpfs can be mounted: a full folder in the way of summary.md fails the write as a full disk would. */
function blockSummary(dir: string): void {
  rmSync(join(dir, 'summary.md'), { force: true });
  mkdirSync(join(dir, 'summary.md'));
  writeFileSync(join(dir, 'summary.md', 'keep'), '');
}

/** A 4 MB tmpfs, unmounted after the test; null where mounting is refused. */
function mountSmallDisk(t: TestContext): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-full-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]).status === 0;
  t.after(() => {
    if (mounted) spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return mounted ? dir : null;
}

/** Fills `disk` until only about half of a set fits: the first files of the next set are written, not all. */
function fillDisk(disk: string, setBytes: number): void {
  const info = statfsSync(disk);
  const free = info.bavail * info.bsize;
  writeFileSync(join(disk, 'ballast'), Buffer.alloc(Math.max(0, free - Math.floor(setBytes / 2))));
}

test('a disk that fills during the write keeps the previous set byte-identical and leaves no partial set', async (t) => {
  const disk = mountSmallDisk(t);
  const root = disk ?? mkdtempSync(join(tmpdir(), 'embedprof-set-'));
  if (disk === null) t.after(() => rmSync(root, { recursive: true, force: true }));
  const out = join(root, 'out');
  const fresh = join(root, 'fresh');
  mkdirSync(out);
  mkdirSync(fresh);
  await writeRunFiles(out, previous);
  if (disk === null) for (const dir of [out, fresh]) blockSummary(dir);
  const before = readFolder(out);
  assert.ok(['profile.json', 'comparison.json', 'report.html', 'comment.md'].every((name) => name in before));
  if (disk !== null)
    fillDisk(
      disk,
      Object.values(before).reduce((sum, text) => sum + Buffer.byteLength(text), 0),
    );
  await assert.rejects(writeRunFiles(out, next), disk === null ? /EISDIR|ENOTEMPTY|EEXIST/ : /ENOSPC/);
  const after = readFolder(out);
  for (const [name, text] of Object.entries(before)) assert.equal(after[name], text, `${name} unchanged`);
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort(), 'no staging folder left');
  await assert.rejects(writeRunFiles(fresh, next));
  assert.deepEqual(
    readdirSync(fresh).filter((name) => name !== 'summary.md'),
    [],
    'a fresh folder gets no partial set',
  );
});

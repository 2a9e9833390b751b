import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureFailure } from '../../src/core/core-deps.js';
import { runExport, type ExportRequest } from '../../src/core/run-export.js';
import { exportProfile, readExportFormat, serializeExport } from '../../src/report/export/index.js';
import type { Profile } from '../../src/measure/protocol/profile-schema.js';
import { loadFixtureProfile } from '../report/fixtures/report-fixtures.js';

const fixture = loadFixtureProfile();

async function withProfile(profile: Profile, run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'embedprof-export-'));
  try {
    await writeFile(join(dir, 'profile.json'), JSON.stringify(profile));
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function expectUsageError(request: ExportRequest, cwd: string, pattern: RegExp): Promise<void> {
  const result = await captureFailure(() => runExport(request, { cwd }));
  assert.equal(result.kind, 'failed');
  assert.ok(result.kind === 'failed');
  assert.equal(result.exitCode, 2);
  assert.match(result.message, pattern);
}

test('writes the format’s file beside the profile, atomically, and names the cells left out', () =>
  withProfile(fixture, async (dir) => {
    const outcome = await runExport({ profilePath: 'profile.json', format: 'bmf' }, { cwd: dir });
    assert.equal(outcome.path, join(dir, 'bmf.json'));
    assert.deepEqual(outcome.files, [outcome.path]);
    assert.equal(outcome.benchmarks, 10);
    assert.equal(outcome.notes.length, 1);
    assert.match(outcome.notes[0] ?? '', /batch 512: not exported, skipped/);
    const written = await readFile(outcome.path, 'utf8');
    assert.equal(written, serializeExport(exportProfile(fixture, 'bmf')));
    assert.deepEqual((await readdir(dir)).sort(), ['bmf.json', 'profile.json'], 'no temporary file is left');
  }));

test('--out is resolved from the working directory and its folders are created', () =>
  withProfile(fixture, async (dir) => {
    const request = {
      profilePath: 'profile.json',
      format: 'gab-smaller',
      out: 'bench/night/smaller.json',
    } as const;
    const outcome = await runExport({ ...request, name: 'nightly' }, { cwd: dir });
    assert.equal(outcome.path, join(dir, 'bench', 'night', 'smaller.json'));
    const entries = JSON.parse(await readFile(outcome.path, 'utf8')) as { name: string }[];
    assert.equal(entries.length, 30, '10 cells × p95 latency, peak memory, RSS after load');
    assert.ok(entries.every((entry) => entry.name.startsWith('nightly/')));
  }));

test('input errors are usage errors (exit 2) that name the input and the fix', () =>
  withProfile(fixture, async (dir) => {
    await expectUsageError({ profilePath: 'missing.json', format: 'bmf' }, dir, /--profile .*missing\.json/);
    await expectUsageError(
      { profilePath: 'profile.json', format: 'bmf', out: 'profile.json' },
      dir,
      /--out profile\.json: expected a file other than the profile/,
    );
    await expectUsageError(
      { profilePath: 'profile.json', format: 'bmf', name: ' ' },
      dir,
      /--name: expected/,
    );
    await expectUsageError(
      { profilePath: 'profile.json', format: 'bmf', name: 'x'.repeat(1100) },
      dir,
      /--name: expected a valid Bencher Metric Format.*at most 1024 bytes/s,
    );
    assert.deepEqual((await readdir(dir)).sort(), ['profile.json'], 'nothing is written on an error');
  }));

test('a profile with no measured cell is refused rather than exported empty', () => {
  const unmeasured: Profile = {
    ...fixture,
    batchSweep: fixture.batchSweep.map((cell) => ({
      batchSize: cell.batchSize,
      status: 'failed',
      error: 'crash',
    })),
    lengthSweep: [],
  };
  return withProfile(unmeasured, (dir) =>
    expectUsageError(
      { profilePath: 'profile.json', format: 'gab-bigger' },
      dir,
      /at least one measured cell/,
    ),
  );
});

test('--format names one document; "gab" alone is refused with the two github-action-benchmark needs', () => {
  assert.equal(readExportFormat('bmf'), 'bmf');
  assert.equal(readExportFormat('gab-bigger'), 'gab-bigger');
  assert.throws(
    () => readExportFormat('gab'),
    /gab-bigger .*customBiggerIsBetter.*gab-smaller .*customSmallerIsBetter/s,
  );
  assert.throws(() => readExportFormat('csv'), /--format csv: expected one of bmf, gab-bigger, gab-smaller/);
});

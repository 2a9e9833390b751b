/**
 * The core's use cases that read documents and measure nothing, called directly: compare, merge, report, and
 * the history check on a folder store. No subprocess: profiles are built in memory and written to a temporary
 * folder, baselines recorded with runBaselineUpdate (the commit from the environment, not from git).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { comparisonSchema } from '../../src/decide/compare/comparison-schema.js';
import {
  captureFailure,
  readHistory,
  runBaselineUpdate,
  runCompare,
  runHistoryCheck,
  runMerge,
  runReport,
} from '../../src/core/index.js';
import { writeHistoryRecord } from '../../src/history/history-store.js';
import { createRandom } from '../../src/ground/random/index.js';
import { selectShardCells } from '../../src/measure/sweep/profile-options.js';
import type { Profile } from '../../src/measure/protocol/profile-schema.js';
import { profileSchema } from '../../src/measure/protocol/profile-schema.js';
import {
  buildCompareRequest,
  buildMergeRequest,
  buildReportRequest,
} from '../../src/faces/settings/build-requests.js';
import { buildTestProfile } from '../decide/compare/test-profile.js';
import { createNightCells, createNightRecord } from '../history/history-fixtures.js';
import { loadFixtureComparison, loadFixtureProfile } from '../report/fixtures/report-fixtures.js';
import { resolveTestSettings, withTempFolder } from './core-test-deps.js';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** A profile of the test cells at `level` texts/s, 3 processes a cell with 2 % noise (seeded). */
function buildLevelProfile(level: number, seed: number): Profile {
  return buildTestProfile(createNightCells({ random: createRandom(seed), level }));
}

function writeJson(path: string, value: unknown): string {
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** Records `profile` as baselines/main.json under root; the folder. */
async function recordBaseline(root: string, profile: Profile): Promise<string> {
  const dir = join(root, 'baselines');
  const env = { GITHUB_SHA: 'b'.repeat(40) };
  const request = { profile, profileLabel: '--from p', name: 'main', dir, force: false, env };
  await runBaselineUpdate(request);
  return dir;
}

test('core compare: the same level passes (exit 0), a 30 % throughput drop is a regression (exit 1)', async () => {
  await withTempFolder('core-compare', async (root) => {
    const baseline = await recordBaseline(root, buildLevelProfile(1000, 1));
    for (const [level, exitCode, regressed] of [
      [1000, 0, false],
      [700, 1, true],
    ] as const) {
      const current = writeJson(join(root, `current-${level}.json`), buildLevelProfile(level, 2));
      const out = join(root, `out-${level}`);
      const outcome = await runCompare(
        buildCompareRequest(resolveTestSettings({ current, baseline, out }, root)),
      );
      assert.deepEqual([outcome.kind, outcome.exitCode], ['compare', exitCode]);
      assert.deepEqual(outcome.files, [join(out, 'comparison.json')]);
      const written = comparisonSchema.parse(readJson(join(out, 'comparison.json')));
      assert.equal(written.reference.kind, 'baseline');
      const throughput = written.cells.flatMap((cell) =>
        cell.metrics.filter((m) => m.metric === 'throughput'),
      );
      assert.ok(throughput.length > 0 && throughput.every((m) => (m.verdict === 'regression') === regressed));
    }
    const missing = await captureFailure(() =>
      runCompare(buildCompareRequest(resolveTestSettings({ baseline, out: join(root, 'x') }, root))),
    );
    assert.ok(missing.kind === 'failed' && missing.exitCode === 2);
    assert.match(missing.message, /^--current: expected the profile\.json of the run under test/);
  });
});

test('core merge: two shards become one profile with every cell, compared with the baseline', async () => {
  await withTempFolder('core-merge', async (root) => {
    const whole = buildLevelProfile(1000, 3);
    const baseline = await recordBaseline(root, whole);
    const shards = join(root, 'shards');
    const cells = createNightCells({ random: createRandom(4) });
    for (const index of [1, 2]) {
      const shard = { index, count: 2 };
      const keys = selectShardCells(
        cells.map((cell) => cell.key),
        shard,
      );
      const profile = buildTestProfile(cells.filter((cell) => keys.includes(cell.key)));
      mkdirSync(join(shards, `shard-${index}`), { recursive: true });
      writeJson(join(shards, `shard-${index}`, 'profile.json'), {
        ...profile,
        config: { ...profile.config, shard },
      });
    }
    const out = join(root, 'merged');
    const outcome = await runMerge(
      buildMergeRequest(resolveTestSettings({ reportDir: shards, baseline, out }, root)),
    );
    assert.deepEqual([outcome.kind, outcome.exitCode, outcome.baseProfile], ['gate', 0, null]);
    const merged = profileSchema.parse(readJson(join(out, 'profile.json')));
    const count = (profile: Profile) => profile.batchSweep.length + profile.lengthSweep.length;
    assert.equal(count(merged), count(whole), 'every cell of both shards');
    const comparison = comparisonSchema.parse(readJson(join(out, 'comparison.json')));
    assert.equal(comparison.reference.kind, 'baseline');
    assert.ok(outcome.files.includes(join(out, 'comparison.json')));
  });
});

test('core report: the reports of a profile and its comparison, and no profile is an input error', async () => {
  await withTempFolder('core-report', async (root) => {
    const profileFile = writeJson(join(root, 'profile.json'), loadFixtureProfile());
    const comparisonFile = writeJson(join(root, 'comparison.json'), loadFixtureComparison());
    const out = join(root, 'reports');
    const outcome = await runReport(
      buildReportRequest(resolveTestSettings({ profileFile, comparisonFile, out }, root)),
    );
    assert.equal(outcome.kind, 'report');
    assert.deepEqual(readdirSync(out).sort(), outcome.files.map((file) => basename(file)).sort());
    for (const name of ['report.html', 'report.md', 'comment.md', 'summary.md'])
      assert.ok(outcome.files.includes(join(out, name)), name);
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /^<!doctype html>/i);
    const missing = await captureFailure(() =>
      runReport(buildReportRequest(resolveTestSettings({ out }, root))),
    );
    assert.ok(missing.kind === 'failed' && missing.exitCode === 2);
    assert.match(missing.message, /^--profile: expected a profile\.json path/);
  });
});

test('core history check: a steady store passes (exit 0); a drop in the newest runs fails (exit 1)', async () => {
  await withTempFolder('core-history', async (root) => {
    const random = createRandom(9);
    const store = join(root, 'store');
    for (let night = 0; night < 15; night++)
      await writeHistoryRecord(store, createNightRecord(night, { random, level: night < 12 ? 1000 : 800 }));
    const request = { failOn: ['throughput'] as const, newestRuns: 3 };
    const history = await readHistory({ kind: 'folder', dir: store });
    assert.deepEqual([history.records.length, history.found, history.source], [15, true, store]);
    const failed = runHistoryCheck(history, request);
    assert.deepEqual([failed.kind, failed.verdict.kind, failed.exitCode], ['history-check', 'fail', 1]);
    assert.equal(failed.lines.at(-1), `(15 runs from ${store})`);
    const steady = {
      ...history,
      series: history.series.map((s) => ({ ...s, points: s.points.slice(0, 12) })),
    };
    const passed = runHistoryCheck(steady, request);
    assert.deepEqual([passed.verdict.kind, passed.exitCode], ['pass', 0]);
    const empty = await readHistory({ kind: 'folder', dir: join(root, 'none') });
    assert.deepEqual([empty.records.length, empty.found], [0, false]);
  });
});

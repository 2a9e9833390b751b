/**
 * The core's nightly called directly, with injected deps, in a real git repository whose origin keeps the
 * data branch: the first night profiles (nothing recorded yet), the second measures its commit side by side
 * with the first (a chained duet) and, the embedder having become 2.5× slower, fails on the new regression.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runNightly, type NightlyOutcome, type NightlyStep } from '../../src/core/index.js';
import { createCommitContextReader } from '../../src/history/commit-context.js';
import { historyRecordSchema } from '../../src/ground/schema/history-record-schema.js';
import { buildNightRequests } from '../../src/faces/settings/build-requests.js';
import {
  addOrigin,
  commitAll,
  createBaseRepository,
  runGit,
  TINY_CONFIG,
  writeEmbedder,
} from '../decide/duet/git-fixture.js';
import { createTestDeps, resolveTestSettings } from './core-test-deps.js';

/** Tonight in `repo`: the config's sweep (the base measures what its own config says), 1 s a clock call. */
async function runNight(repo: string, out: string, steps: NightlyStep[]): Promise<NightlyOutcome> {
  const { batchSizes, lengths, processes } = TINY_CONFIG;
  const sweep = {
    preset: 'smoke' as const,
    embedder: join(repo, 'embedder.mjs'),
    batchSizes,
    lengths,
    processes,
    analysis: false,
  };
  const settings = resolveTestSettings({ ...sweep, quiet: true, out, timeBudgetSeconds: 2 }, repo);
  const deps = {
    ...createTestDeps(repo, 1000),
    readCommitContext: createCommitContextReader(repo, {}),
    onStep: (step: NightlyStep) => void steps.push(step),
  };
  const request = {
    store: { kind: 'branch' as const, repoDir: repo, remote: 'origin', branch: 'embedprof-data' },
    commit: runGit(repo, ['rev-parse', 'HEAD']),
    branch: null,
    outDir: out,
    failOn: ['throughput' as const],
    newestRuns: 3,
    site: { title: 'nightly test', repositoryUrl: 'https://github.com/o/r' },
    measure: buildNightRequests(settings),
  };
  return runNightly(request, deps);
}

function readBranchRecords(bare: string) {
  const names = runGit(bare, ['ls-tree', '--name-only', 'embedprof-data', 'records/']).split('\n');
  return names.map((name) =>
    historyRecordSchema.parse(JSON.parse(runGit(bare, ['show', `embedprof-data:${name}`]))),
  );
}

test('core nightly: a first night profiles, the second is a chained duet that finds the regression', async () => {
  const repo = createBaseRepository();
  const bare = addOrigin(repo);
  const first = runGit(repo, ['rev-parse', 'HEAD']);
  const branch = runGit(repo, ['symbolic-ref', '--short', 'HEAD']);

  const steps1: NightlyStep[] = [];
  const night1 = await runNight(repo, join(repo, 'out1'), steps1);
  assert.equal(night1.measured.kind, 'done');
  assert.equal(night1.measured.kind === 'done' && night1.measured.outcome.kind, 'profile');
  assert.deepEqual([night1.previous, night1.comparison, night1.store], [null, null, 'embedprof-data']);
  assert.deepEqual(steps1[0], { kind: 'measuring', previous: null, runs: 0, store: 'embedprof-data' });
  assert.equal(night1.record.kind, 'recorded');
  if (night1.record.kind !== 'recorded') return;
  assert.equal(night1.record.added.status, 'added');
  assert.match(night1.record.added.recordPath, /^embedprof-data:records\/.+\.json$/);
  assert.deepEqual(steps1[1], { kind: 'recorded', added: night1.record.added });
  assert.equal(night1.record.check.verdict.kind, 'insufficient', night1.record.check.lines.join('\n'));
  assert.equal(night1.record.check.lines.at(-1), '(1 runs from origin/embedprof-data)');
  assert.equal(night1.exitCode, 0);
  assert.equal(night1.siteDir, join(repo, 'out1', 'site'));
  assert.ok(existsSync(join(night1.siteDir, 'index.html')), 'the dashboard');

  writeEmbedder(repo, 1.5);
  commitAll(repo, 'slower');
  const second = runGit(repo, ['rev-parse', 'HEAD']);
  const steps2: NightlyStep[] = [];
  const night2 = await runNight(repo, join(repo, 'out2'), steps2);
  assert.equal(night2.previous, first, 'measured beside the newest recorded commit');
  assert.equal(night2.measured.kind === 'done' && night2.measured.outcome.kind, 'gate');
  assert.equal(night2.comparison?.reference.kind, 'base-ref');
  assert.deepEqual(steps2[0], { kind: 'measuring', previous: first, runs: 1, store: 'embedprof-data' });
  assert.equal(night2.record.kind, 'recorded');
  if (night2.record.kind !== 'recorded') return;
  assert.equal(night2.record.check.verdict.kind, 'fail', night2.record.check.lines.join('\n'));
  assert.match(night2.record.check.lines[0] ?? '', /^history check: FAIL/);
  assert.match(night2.record.check.lines.join('\n'), /REGRESSION .* throughput: .* \(chained duet ratio/);
  assert.equal(night2.exitCode, 1, 'a new regression change point in a gated metric');

  const records = readBranchRecords(bare);
  assert.deepEqual(
    records.map((record) => [record.commit, record.branch, record.chained?.baseCommit ?? null]),
    [
      [first, branch, null],
      [second, branch, first],
    ],
  );
  assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1, 'the duet worktree is removed');
  assert.equal(
    runGit(repo, ['status', '--porcelain', '--untracked-files=no']),
    '',
    'the checkout is untouched',
  );
});

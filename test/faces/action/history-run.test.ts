/**
 * Mode history, run as the runner runs it, against a real bare repository as origin: three nights leave three
 * records on the data branch (the second and third measured side by side with the night before: chained
 * ratios), a dashboard in OUT/site, and the check's verdict in the job summary.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { historyRecordSchema } from '../../../src/ground/schema/history-record-schema.js';
import { createBaseRepository, runGit } from '../../decide/duet/git-fixture.js';
import { startServers } from './action-fixtures.js';
import { describeRun, runActionProcess } from './run-action-process.js';
import { listMessages } from './workflow-commands.js';

function createOrigin(repo: string): string {
  const bare = mkdtempSync(join(tmpdir(), 'embedprof-origin-'));
  runGit(bare, ['init', '--bare', '--initial-branch=main']);
  runGit(repo, ['remote', 'add', 'origin', bare]);
  runGit(repo, ['push', '-q', 'origin', 'HEAD:main']);
  return bare;
}

function listBranchRecords(bare: string): string[] {
  const names = runGit(bare, ['ls-tree', '--name-only', 'embedprof-data', 'records/']);
  return names.split('\n').filter((name) => name.endsWith('.json'));
}

/**
 * The records are under test, not whether an A/A interval of a sub-millisecond toy batch resolves: wide
 * thresholds (50 % throughput, 100 % memory) decide "no change" for any spread an unchanged embedder shows.
 */
const HISTORY_INPUTS = {
  mode: 'history',
  'data-branch': 'embedprof-data',
  preset: 'quick', // a chain of nights judged for change points: the smoke windows' spread is too wide for it
  'time-budget': '20',
  'max-throughput-drop': '0.5',
  'max-memory-growth': '1',
};

test('three nights of mode history leave three records on the data branch, the later two chained', async (t) => {
  // the repository's branch is master, not main: the records and the summary both name master
  const repo = createBaseRepository();
  runGit(repo, ['branch', '-M', 'master']);
  const bare = createOrigin(repo);
  const { github, artifacts } = await startServers(t);
  const shas: string[] = [];
  for (let night = 1; night <= 3; night++) {
    if (night > 1) {
      runGit(repo, ['commit', '-q', '--allow-empty', '-m', `night ${night}`]);
    }
    const sha = runGit(repo, ['rev-parse', 'HEAD']);
    shas.push(sha);
    const run = await runActionProcess(t, {
      event: 'schedule',
      payload: 'schedule.json',
      inputs: HISTORY_INPUTS,
      github,
      artifacts,
      workspace: repo,
      env: { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/master', GITHUB_REF_NAME: 'master' },
    });
    assert.equal(run.exitCode, 0, describeRun(run));
    assert.deepEqual(listMessages(run.commands, 'error'), []);
    assert.match(run.summary, /### History/);
    if (night > 1) assert.match(run.summary, /History of master \\?\(origin\/embedprof-data\\?\): /);
    assert.doesNotMatch(run.summary, /History of main/);
    const outDir = join(run.runnerTemp, 'embedprof-out');
    assert.ok(existsSync(join(outDir, 'site', 'index.html')), 'the dashboard for Pages');
    if (night > 1) assert.match(run.stdout, /side by side with [0-9a-f]{12}, the newest on embedprof-data/);
  }
  const names = listBranchRecords(bare);
  assert.equal(names.length, 3, names.join(', '));
  const records = names.map((name) =>
    historyRecordSchema.parse(JSON.parse(runGit(bare, ['show', `embedprof-data:${name}`]))),
  );
  assert.deepEqual(
    records.map((record) => record.commit),
    shas,
  );
  assert.equal(records[0]?.chained, null, 'the first night has nothing to chain to');
  assert.equal(
    records[0]?.machine.modelSpec,
    'embedder:embedder.mjs',
    'workspace-relative, never the runner path',
  );
  assert.equal(records[1]?.chained?.baseCommit, shas[0]);
  assert.equal(records[2]?.chained?.baseCommit, shas[1]);
  assert.deepEqual(
    records.map((record) => record.branch),
    ['master', 'master', 'master'],
  );
  assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1, 'the duet worktree is removed');
  assert.equal(runGit(repo, ['status', '--porcelain']), '', 'the checkout is untouched');
});

test('two nightly jobs pushing at once both land on the data branch', async (t) => {
  const first = createBaseRepository();
  const bare = createOrigin(first);
  const second = mkdtempSync(join(tmpdir(), 'embedprof-clone-'));
  runGit(second, ['clone', '-q', bare, '.']);
  runGit(second, ['commit', '-q', '--allow-empty', '-m', 'another commit']);
  const { github, artifacts } = await startServers(t);
  const runs = await Promise.all(
    [first, second].map((repo) =>
      runActionProcess(t, {
        event: 'schedule',
        payload: 'schedule.json',
        inputs: { mode: 'history', preset: 'smoke' },
        github,
        artifacts,
        workspace: repo,
        env: { GITHUB_SHA: runGit(repo, ['rev-parse', 'HEAD']) },
      }),
    ),
  );
  for (const run of runs) assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(listBranchRecords(bare).length, 2, 'both records are on the branch');
});

/**
 * `embedprof nightly` as a user runs it, in a real git repository with a history folder (--store): the first
 * night profiles, the second measures its commit side by side with the first (a chained duet) and, the
 * embedder having become 2.5× slower, exits 1 on the new regression change point.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyRecordSchema } from '../../../src/ground/schema/history-record-schema.js';
import { commitAll, createBaseRepository, runGit, writeEmbedder } from '../../decide/duet/git-fixture.js';
import { runCli, type CliResult } from '../../helpers/run-cli.js';

/** No runner variables: the commit and branch come from git, and no commit links. */
const NO_RUNNER = {
  GITHUB_SHA: '',
  GITHUB_REF: '',
  GITHUB_REF_NAME: '',
  GITHUB_SERVER_URL: '',
  GITHUB_REPOSITORY: '',
};

function runNightly(repo: string, store: string, out: string): CliResult {
  const args = ['nightly', '--store', store, '--out', out, '--time-budget', '20', '--quiet'];
  return runCli(args, { cwd: repo, env: NO_RUNNER });
}

function readStoreRecords(store: string) {
  const dir = join(store, 'records');
  return readdirSync(dir)
    .sort()
    .map((name) => historyRecordSchema.parse(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
}

test('embedprof nightly: a profile, then a chained duet that exits 1 on the new regression', () => {
  const repo = createBaseRepository();
  const store = join(mkdtempSync(join(tmpdir(), 'embedprof-nightly-')), 'history');
  const first = runGit(repo, ['rev-parse', 'HEAD']);

  const night1 = runNightly(repo, store, join(repo, 'out1'));
  assert.equal(night1.status, 0, `${night1.stdout}\n${night1.stderr}`);
  assert.match(night1.stdout, /^Profiling \(0 runs on .+; no earlier commit to measure beside this one\)$/m);
  assert.match(night1.stdout, /^Recorded .+\.json \(\d+ bytes\)$/m);
  assert.match(night1.stdout, /^history check: insufficient history/m);
  assert.match(night1.stdout, /^\(1 runs from .+\)$/m);
  assert.ok(existsSync(join(repo, 'out1', 'site', 'index.html')), 'the dashboard in OUT/site');

  writeEmbedder(repo, 1.5);
  commitAll(repo, 'slower');
  const night2 = runNightly(repo, store, join(repo, 'out2'));
  assert.equal(night2.status, 1, `${night2.stdout}\n${night2.stderr}`);
  const beside = `side by side with ${first.slice(0, 12)}, the newest on ${store} (chained duet)`;
  assert.ok(night2.stdout.includes(beside), night2.stdout);
  assert.match(night2.stdout, /^FAIL — regression in throughput/m, "the chained duet's verdict");
  assert.match(night2.stdout, /^history check: FAIL, \d+ new regression\(s\) in gated metrics$/m);
  assert.match(night2.stdout, /^ {2}REGRESSION .+ throughput: .+ \(chained duet ratio, p = /m);
  assert.match(night2.stdout, /^Wrote .+index\.html: \d+ cells, \d+ points$/m);

  const records = readStoreRecords(store);
  assert.deepEqual(
    records.map((record) => [record.commit, record.chained?.baseCommit ?? null]),
    [
      [first, null],
      [runGit(repo, ['rev-parse', 'HEAD']), first],
    ],
  );
  assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1, 'the duet worktree is removed');
});

test('embedprof nightly without a store names --store and --data-branch (exit 2); help lists it', () => {
  const repo = createBaseRepository();
  const result = runCli(['nightly', '--quiet'], { cwd: repo, env: NO_RUNNER });
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /^embedprof: input error: --store: expected the history store: --store DIR/);
  assert.equal(existsSync(join(repo, 'embedprof-out')), false, 'nothing measured');
  const help = runCli(['help']);
  assert.match(help.stdout, /^ {2}embedprof nightly .*\(--store DIR \| --data-branch NAME\)$/m);
  assert.match(runCli(['nightly', '--help']).stdout, /^ {2}--newest N /m);
});

/**
 * The action's mode serve-gate as the runner runs it (dist/index.js of a release copy, INPUT_* variables, a
 * pull_request payload, loopback REST and artifact services): the pull request's base commit and its head each
 * start their version of a small server, measured side by side; the comment carries the verdict first, a table
 * and both sides' curves as a Mermaid chart; the artifact holds both sides and the comparison. Wiring only: the
 * verdict of these measurements is read, never asserted.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { serveDuetSchema } from '../../../src/decide/duet/serve-duet-schema.js';
import { command, createServerRepository, findProcesses } from '../../core/serve-gate-fixture.js';
import { runGit } from '../../decide/duet/git-fixture.js';
import { startServers } from './action-fixtures.js';
import { describeRun, runActionProcess } from './run-action-process.js';

/** The serve plan: short windows, two rounds at two fixed rates (the recipe's config holds the real one). */
const SERVE_CONFIG = {
  schemaVersion: 1,
  serve: {
    rates: [20, 40],
    rounds: 2,
    windowSeconds: 1,
    textsPerRequest: [1],
    timeBudgetSeconds: 60,
  },
};

function writePayload(repo: string, baseSha: string, headSha: string): string {
  const payload = JSON.parse(readFileSync(resolve('test/fixtures/events/pull_request.opened.json'), 'utf8'));
  payload.pull_request.base.sha = baseSha;
  payload.pull_request.head.sha = headSha;
  const path = join(repo, '..', `event-${Date.now()}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

test('mode serve-gate on a pull request: base and head servers side by side, a comment with the verdict, the table and the curve', async (t) => {
  const { repo, baseCommit, log } = createServerRepository();
  writeFileSync(join(repo, 'embedprof.config.json'), JSON.stringify(SERVE_CONFIG));
  runGit(repo, ['add', '-A']);
  runGit(repo, ['commit', '-qm', 'serve config']);
  const headSha = runGit(repo, ['rev-parse', 'HEAD']);
  const { github, artifacts } = await startServers(t);
  const run = await runActionProcess(t, {
    event: 'pull_request',
    payload: writePayload(repo, baseCommit, headSha),
    inputs: {
      mode: 'serve-gate',
      'serve-command': command(log, 1_000_000),
      'latency-slo-ms': '200',
      'reference-rate': '20',
      comment: 'always',
    },
    github,
    artifacts,
    workspace: repo,
    npmCi: false, // a server in any language: no onnxruntime-node in the workspace, none needed
  });
  assert.doesNotMatch(run.stdout, /onnxruntime-node/, 'a serve mode loads no model: no runtime is resolved');
  const outDir = join(run.runnerTemp, 'embedprof-out');
  const document = serveDuetSchema.parse(
    JSON.parse(readFileSync(join(outDir, 'serve-comparison.json'), 'utf8')),
  );
  assert.equal(document.baseRef, baseCommit, 'the pull request’s base commit is the base');
  assert.equal(document.head.commit, headSha);
  const comparison = document.comparison;
  assert.ok(comparison !== null, describeRun(run));
  const verdict = comparison.overall.verdict;
  assert.equal(run.exitCode, verdict === 'regression' ? 1 : 0, describeRun(run));
  assert.equal(run.outputs.get('verdict'), verdict);

  const [comment] = github.comments(7);
  const body = comment?.body ?? '';
  assert.match(body, /^<!-- embedprof-comment -->\n(✅|❌|⚠️|ℹ️) /, body);
  assert.match(body, /pull request #7 \\\([0-9a-f]{7}\\\)/, 'the head is named by its pull request');
  assert.ok(body.includes(`commit ${baseCommit.slice(0, 7)}`), 'the base: its commit, not its sha twice');
  assert.match(body, /\| knee +\|/);
  assert.match(
    body,
    /```mermaid\nxychart-beta\n {2}title "p95 latency vs offered rate, 1 texts per request"/,
  );
  assert.match(body, /x-axis "offered rate \(req\/s\)" \["20", "40"\]/);
  assert.match(run.summary, /xychart-beta/, 'the job summary shows the curve too');
  assert.ok(run.outputs.get('comment-url')?.startsWith('http'), describeRun(run));
  const uploaded = artifacts.artifacts().map((artifact) => artifact.name);
  assert.deepEqual(uploaded, ['embedprof'], 'the artifact-name input’s default');
  assert.deepEqual(findProcesses(log), [], 'both servers are stopped');
  assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1, 'the base worktree is removed');
});

test('mode serve-gate outside a pull request is one input error naming the mode', async (t) => {
  const { repo, log } = createServerRepository();
  const { github, artifacts } = await startServers(t);
  const run = await runActionProcess(t, {
    event: 'workflow_dispatch',
    payload: resolve('test/fixtures/events/workflow_dispatch.json'),
    inputs: { mode: 'serve-gate', 'serve-command': command(log, 10) },
    github,
    artifacts,
    workspace: repo,
  });
  assert.equal(run.exitCode, 1, describeRun(run));
  assert.match(describeRun(run), /input mode/);
  assert.match(describeRun(run), /pull_request/);
});

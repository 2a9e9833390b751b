/**
 * Invalid inputs, run as the runner runs the action: each fails the step (exit code 1) with one `::error::`
 * naming the input, what was expected, what was received and the fix — before anything is measured,
 * uploaded or posted. And user code under pull_request_target is refused.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createWorkspace, startServers, SWEEP_INPUTS } from './action-fixtures.js';
import { describeRun, runActionProcess, type ActionRun } from './run-action-process.js';
import { listMessages } from './workflow-commands.js';

const workspace = createWorkspace();
execFileSync('mkfifo', [join(workspace, 'pipe.jsonl')]);

interface BadInput {
  inputs: Record<string, string>;
  /** The start of the one error message. */
  error: RegExp;
  event?: string;
  payload?: string;
}

const CASES: BadInput[] = [
  { inputs: { analysis: 'yes' }, error: /^input analysis: expected true or false, received "yes"\. Set it/ },
  {
    inputs: { 'allow-untrusted-code': 'True' },
    error: /^input allow-untrusted-code: expected true or false, received "True"/,
  },
  {
    inputs: { 'batch-sizes': '8,x' },
    error: /^input batch-sizes: expected a comma-separated list of positive integers, received "8,x"/,
  },
  {
    inputs: { 'max-throughput-drop': '10' },
    error: /^input max-throughput-drop: expected a fraction between 0 and 1 .*received "10"/,
  },
  {
    inputs: { mode: 'gating' },
    error:
      /^input mode: expected one of gate, profile, update-baseline, merge, comment, history, serve, serve-gate, received "gating"/,
  },
  { inputs: { shard: '3/2' }, error: /^input shard: expected i\/n with 1 ≤ i ≤ n/ },
  {
    inputs: { 'confirm-regressions': 'maybe' },
    error: /^input confirm-regressions: expected true or false, received "maybe"/,
  },
  {
    inputs: { 'max-quality-drop': '2' },
    error: /^input max-quality-drop: expected a fraction between 0 and 1 .*received "2"/,
  },
  {
    inputs: { 'max-cold-start-growth': '-1' },
    error: /^input max-cold-start-growth: expected a positive number, received "-1"/,
  },
  {
    inputs: { 'retention-days': '400' },
    error: /^input retention-days: expected an integer from 1 to 90, received "400"/,
  },
  { inputs: { comment: 'sometimes' }, error: /^input comment: expected one of on-change, always, never/ },
  {
    inputs: { 'fail-on': 'speed' },
    error:
      /^input fail-on: expected a comma-separated list of throughput, memory, latency, cold-start, or none/,
  },
  {
    inputs: { corpus: 'missing.jsonl' },
    error: /^input corpus: expected an existing file \(relative to .*\), received "missing\.jsonl"/,
  },
  {
    inputs: { model: 'synthetic:nope' },
    error:
      /^input model: expected synthetic:NAME with NAME one of all-MiniLM-L6-v2, .*received "synthetic:nope"/,
  },
  {
    inputs: { corpus: 'pipe.jsonl' },
    error:
      /^input corpus: expected an existing file \(relative to .*\), received "pipe\.jsonl", a FIFO \(named pipe\)/,
  },
  {
    inputs: { 'working-directory': 'nowhere' },
    error: /^input working-directory: expected an existing folder, received "nowhere"/,
  },
  {
    inputs: { 'compare-to': 'baseline' },
    error: /^input baseline-dir: expected a folder of committed baselines .*received nothing/,
  },
  {
    inputs: { mode: 'comment' },
    error: /^input report-dir: expected a folder of downloaded artifacts for mode comment, received nothing/,
  },
  {
    inputs: { mode: 'gate', 'compare-to': 'base' },
    event: 'schedule',
    payload: 'schedule.json',
    error:
      /^input compare-to: expected baseline outside pull requests \(this run is a schedule event\), received "base"/,
  },
  {
    inputs: { mode: 'history', 'data-branch': 'a..b' },
    event: 'schedule',
    payload: 'schedule.json',
    error: /^input data-branch: expected a git branch name \(no "\.\." in it\), received "a\.\.b"\. Set it/,
  },
  {
    inputs: {},
    event: 'pull_request_target',
    payload: 'pull_request_target.fork.json',
    error:
      /^input embedder: expected no user code under pull_request_target, which runs with a write token, received ".*ballast-embedder\.mjs", which a pull request can change\. Gate on the pull_request event/,
  },
];

function assertRefused(run: ActionRun, error: RegExp): void {
  assert.equal(run.exitCode, 1, describeRun(run));
  const errors = listMessages(run.commands, 'error');
  assert.equal(errors.length, 1, describeRun(run));
  assert.match(errors[0] ?? '', error);
  assert.equal(existsSync(join(run.runnerTemp, 'embedprof-out')), false, 'nothing measured');
}

test('each invalid input fails the step with one message naming it, before any measurement', async (t) => {
  for (const item of CASES) {
    await t.test(
      Object.entries(item.inputs)
        .map(([name, value]) => `${name}: ${value}`)
        .join(', ') ||
        item.event ||
        '',
      async (t) => {
        const { github, artifacts } = await startServers(t);
        const run = await runActionProcess(t, {
          event: item.event ?? 'pull_request',
          payload: item.payload ?? 'pull_request.opened.json',
          inputs: { ...SWEEP_INPUTS, ...item.inputs },
          github,
          artifacts,
          workspace,
        });
        assertRefused(run, item.error);
        assert.deepEqual(github.requests, []);
        assert.deepEqual(artifacts.requests, []);
      },
    );
  }
});

test('pull_request_target with allow-untrusted-code: true passes the trust check (and stops at the next: no baseline)', async (t) => {
  const { github, artifacts } = await startServers(t);
  const run = await runActionProcess(t, {
    event: 'pull_request_target',
    payload: 'pull_request_target.fork.json',
    inputs: { ...SWEEP_INPUTS, 'allow-untrusted-code': 'true', 'compare-to': 'baseline' },
    github,
    artifacts,
    workspace,
  });
  assertRefused(run, /^input baseline-dir: /);
});

test('an input error found by the core fails the step with the core’s own message', async (t) => {
  const { github, artifacts } = await startServers(t);
  writeFileSync(join(workspace, 'empty.txt'), '');
  const run = await runActionProcess(t, {
    event: 'pull_request',
    payload: 'pull_request.opened.json',
    inputs: { ...SWEEP_INPUTS, corpus: 'empty.txt', 'compare-to': 'baseline', 'baseline-dir': '.' },
    github,
    artifacts,
    workspace,
  });
  assert.equal(run.exitCode, 1, describeRun(run));
  const errors = listMessages(run.commands, 'error');
  assert.equal(errors.length, 1, describeRun(run));
  assert.match(
    errors[0] ?? '',
    /^embedprof stopped on an input error \(exit code 2\): embedprof: input error: --corpus /,
  );
  assert.deepEqual(artifacts.artifacts(), [], 'nothing measured, nothing uploaded');
  assert.deepEqual(github.requests, []);
});

test('a damaged event payload fails the step with one message naming GITHUB_EVENT_PATH, no stack', async (t) => {
  const { github, artifacts } = await startServers(t);
  const payload = join(workspace, 'damaged-event.json');
  writeFileSync(payload, '{"pull_request": {"number": 7,');
  const run = await runActionProcess(t, {
    event: 'pull_request',
    payload,
    inputs: SWEEP_INPUTS,
    github,
    artifacts,
    workspace,
  });
  assertRefused(
    run,
    /^GITHUB_EVENT_PATH \(.*damaged-event\.json\): expected the pull_request webhook payload as JSON, written by the runner, received text that is not JSON/,
  );
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
});

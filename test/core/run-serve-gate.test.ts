// Real servers under load, run in the concurrent group: it asserts the serve gate's wiring — the base from
// a worktree of the base ref (its setup run there first), the files, what a dead head leaves, no process or
// worktree left behind, the input errors — never a verdict from these measurements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureFailure, runServeGate } from '../../src/core/index.js';
import { serveDuetSchema } from '../../src/decide/duet/serve-duet-schema.js';
import { serveProfileSchema } from '../../src/measure/serve/serve-profile-schema.js';
import { createTestDeps } from './core-test-deps.js';
import {
  command,
  commandTarget,
  createServerRepository,
  findProcesses,
  gateRequest,
  listWorktrees,
} from './serve-gate-fixture.js';

test('the base server runs the base commit from its worktree after its setup, the head the repository; files for both and the comparison', async () => {
  const { repo, baseCommit, headCommit, log } = createServerRepository();
  const outcome = await runServeGate(gateRequest(repo, log), createTestDeps(repo));
  const started = readFileSync(log, 'utf8').trim().split('\n').sort();
  assert.equal(started.length, 2, started.join('\n'));
  const [v1, v2] = started.map((line) => line.split(' '));
  assert.equal(v1?.[0], 'v1');
  assert.notEqual(v1?.[1], repo, 'the base ran in a worktree');
  assert.equal(v1?.[2], 'true', 'the setup ran in the worktree before the base server started');
  assert.deepEqual(v2, ['v2', repo, 'false']);
  assert.equal(existsSync(v1?.[1] ?? ''), false, 'the worktree is removed');
  assert.equal(listWorktrees(repo).length, 1);
  assert.deepEqual(findProcesses(log), [], 'both servers are stopped');

  const document = serveDuetSchema.parse(
    JSON.parse(readFileSync(join(repo, 'out', 'serve-comparison.json'), 'utf8')),
  );
  assert.equal(document.base.commit, baseCommit);
  assert.equal(document.head.commit, headCommit);
  assert.equal(document.baseRef, 'HEAD~1');
  assert.ok(document.comparison !== null);
  assert.deepEqual(document.comparison.sweeps[0]?.rounds, [0, 1]);
  for (const side of ['base', 'head'] as const) {
    const path = join(repo, 'out', side, 'serve-profile.json');
    const profile = serveProfileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    assert.deepEqual(profile.sweeps, document[side].sweeps);
    assert.ok((profile.serverMemory?.samples.length ?? 0) > 0, `the ${side} server's RSS is sampled`);
    assert.ok(outcome.files.includes(path));
  }
  assert.equal(outcome.files[0], join(repo, 'out', 'serve-comparison.json'));
  for (const report of ['serve-comparison.md', 'serve-comparison.html', 'serve-comparison-curve.svg']) {
    assert.ok(outcome.files.includes(join(repo, 'out', report)), `${report} is written`);
  }
  const markdown = readFileSync(join(repo, 'out', 'serve-comparison.md'), 'utf8');
  assert.match(markdown, /HEAD\\~1 \\\([0-9a-f]{7}\\\)/, 'the report names the base by its ref and commit');
  assert.deepEqual(outcome.comparison, document.comparison);
  const regressions = outcome.problems.filter((line) => line.startsWith('regression: '));
  assert.deepEqual(outcome.problems, regressions, 'only a verdict can fail this run');
  assert.equal(outcome.exitCode, outcome.comparison?.overall.verdict === 'regression' ? 1 : 0);
});

test('a head that dies mid-run: exit 1 naming the head, the files of what was measured, no server or worktree left', async () => {
  const { repo, log } = createServerRepository();
  const request = gateRequest(repo, log, {
    target: commandTarget(command(log, 50)),
    base: { ...gateRequest(repo, log).base, command: command(log, 1_000_000) },
  });
  const outcome = await runServeGate(request, createTestDeps(repo));
  assert.equal(outcome.exitCode, 1);
  assert.match(
    outcome.problems[0] ?? '',
    /^the head server: --serve-command .*: the server stopped during the run; its last stderr lines: «head ran out of memory»/,
  );
  assert.equal(outcome.comparison, null);
  const document = serveDuetSchema.parse(
    JSON.parse(readFileSync(join(repo, 'out', 'serve-comparison.json'), 'utf8')),
  );
  assert.deepEqual(document.problems, outcome.problems);
  assert.ok((document.head.sweeps[0]?.rates.length ?? 0) > 0, 'what was measured is written');
  assert.ok(existsSync(join(repo, 'out', 'head', 'serve-profile.json')));
  assert.deepEqual(findProcesses(log), []);
  assert.equal(listWorktrees(repo).length, 1);
});

test('a head server that exits at once: the input error names it; the base server and the worktree are gone', async () => {
  const { repo, log } = createServerRepository();
  const request = gateRequest(repo, log, {
    target: commandTarget(`${JSON.stringify(process.execPath)} -e "process.exit(3)"`),
    base: { ...gateRequest(repo, log).base, command: command(log, 1_000_000) },
  });
  const outcome = await captureFailure(() => runServeGate(request, createTestDeps(repo)));
  assert.equal(outcome.kind === 'failed' && outcome.exitCode, 2);
  assert.match(
    outcome.kind === 'failed' ? outcome.message : '',
    /--serve-command .*exited before it was ready \(exit code 3\)/,
  );
  assert.ok(existsSync(log), 'the base server had started');
  assert.deepEqual(findProcesses(log), []);
  assert.equal(listWorktrees(repo).length, 1);
});

test('input errors before anything starts: a URL target, an unknown base ref, a bad threshold', async () => {
  const { repo, log } = createServerRepository();
  const deps = createTestDeps(repo);
  const url = await captureFailure(() =>
    runServeGate(
      gateRequest(repo, log, { target: { kind: 'url', url: 'http://127.0.0.1:9', label: '--url' } }),
      deps,
    ),
  );
  assert.equal(url.kind === 'failed' && url.exitCode, 2);
  assert.match(url.kind === 'failed' ? url.message : '', /--url .*cannot be both the base and the head/);
  const ref = await captureFailure(() =>
    runServeGate(
      gateRequest(repo, log, { base: { ...gateRequest(repo, log).base, ref: 'no-such-branch' } }),
      deps,
    ),
  );
  assert.equal(ref.kind === 'failed' && ref.exitCode, 2);
  assert.match(ref.kind === 'failed' ? ref.message : '', /the base ref .*no-such-branch/);
  const threshold = await captureFailure(() =>
    runServeGate(gateRequest(repo, log, { compare: { maxKneeDrop: 3 } }), deps),
  );
  assert.equal(threshold.kind === 'failed' && threshold.exitCode, 2);
  assert.equal(existsSync(log), false, 'no server started');
  assert.equal(listWorktrees(repo).length, 1);
});

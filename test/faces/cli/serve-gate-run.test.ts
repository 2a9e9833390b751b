/**
 * `embedprof serve-gate` on the command line, in a repository whose base and head commits hold two versions of
 * a small server: the flags reach the core (the base ref, its setup, the plan, the thresholds), stdout starts
 * with the verdict and lists the files, and what is missing is one input error in the flags' words. Wiring only:
 * no verdict of these measurements is asserted.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { serveDuetSchema } from '../../../src/decide/duet/serve-duet-schema.js';
import { command, createServerRepository, findProcesses } from '../../core/serve-gate-fixture.js';
import { runCli } from '../../helpers/run-cli.js';

const PLAN = [
  ...['--rates', '20,40', '--reference-rate', '20', '--rounds', '2', '--window-seconds', '1'],
  ...['--latency-slo-ms', '200', '--texts-per-request', '1', '--time-budget', '60'],
];

test('serve-gate: the verdict first, the files written, the thresholds and the base setup taken from the flags', () => {
  const { repo, log } = createServerRepository();
  const run = runCli(
    [
      ...['serve-gate', '--no-config', '--out', 'out', '--serve-command', command(log, 1_000_000)],
      ...['--against', 'HEAD~1', '--base-setup', 'echo ok > setup-ran.txt'],
      ...['--max-knee-drop', '0.3', '--max-p95-growth', '0.6', ...PLAN],
    ],
    { cwd: repo, timeoutMs: 120_000 },
  );
  const describe = `exit ${run.status}\n${run.stdout}\n${run.stderr}`;
  const document = serveDuetSchema.parse(
    JSON.parse(readFileSync(join(repo, 'out', 'serve-comparison.json'), 'utf8')),
  );
  const comparison = document.comparison;
  assert.ok(comparison !== null, describe);
  assert.deepEqual(comparison.settings.thresholds, { knee: 0.3, 'p95-at-reference': 0.6 });
  const regression = comparison.overall.verdict === 'regression';
  assert.equal(run.status, regression ? 1 : 0, describe);
  assert.match(run.stdout.split('\n')[0] ?? '', /^(✅|❌|⚠️|ℹ️) /, describe);
  assert.match(run.stdout, /HEAD~1 \([0-9a-f]{7}\)/, 'the summary names the base by its ref and commit');
  for (const file of ['serve-comparison.json', 'serve-comparison.md', 'base/serve-profile.json']) {
    assert.ok(run.stdout.includes(`Wrote ${join(repo, 'out', file)}`), `${file}\n${describe}`);
  }
  const started = readFileSync(log, 'utf8');
  assert.match(started, /^v1 .* true$/m, 'the base server started after its setup, in the worktree');
  assert.deepEqual(findProcesses(log), []);
});

test('serve-gate without --against is one input error naming it, before any server starts', () => {
  const { repo, log } = createServerRepository();
  const run = runCli(['serve-gate', '--no-config', '--serve-command', command(log, 10), ...PLAN], {
    cwd: repo,
  });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /--against/);
  assert.match(run.stderr, /origin\/main/);
  assert.equal(existsSync(log), false, 'no server was started');
});

test('serve-gate refuses --url: a running server cannot be both sides', () => {
  const { repo } = createServerRepository();
  const run = runCli(['serve-gate', '--no-config', '--url', 'http://127.0.0.1:9', '--against', 'HEAD~1'], {
    cwd: repo,
  });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /--url/);
});

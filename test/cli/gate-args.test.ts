import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFailOn } from '../../src/cli/compare-args.js';
import { DEFAULT_TIME_BUDGET_SECONDS, parseGateArgs, splitGateArgs } from '../../src/cli/gate-args.js';
import { UsageError } from '../../src/errors.js';

test('the gate’s flags are taken out; everything else goes to the profile options', () => {
  const split = splitGateArgs([
    '--embedder',
    'x.mjs',
    '--baseline',
    'baselines',
    '--batch-sizes=8',
    '--fail-on=throughput',
    '--time-budget',
    '60',
    '--no-analysis',
  ]);
  assert.deepEqual(split.gateArgs, [
    '--baseline',
    'baselines',
    '--fail-on=throughput',
    '--time-budget',
    '60',
  ]);
  assert.deepEqual(split.profileArgs, ['--embedder', 'x.mjs', '--batch-sizes=8', '--no-analysis']);
});

test('parses profile and comparison options together', () => {
  const options = parseGateArgs(['--batch-sizes', '8', '--baseline', 'b', '--on-machine-mismatch', 'warn']);
  assert.deepEqual(options.profile.batchSizes, [8]);
  assert.equal(options.comparison.policy, 'warn');
  assert.equal(options.comparison.options.onMachineMismatch, 'warn');
  assert.deepEqual(options.comparison.baseline, { path: 'b', name: null });
  assert.equal(options.timeBudgetSeconds, DEFAULT_TIME_BUDGET_SECONDS);
  assert.deepEqual(options.comparison.options.metrics, {
    throughput: { gated: true },
    peakMemoryMB: { gated: true },
    p95LatencyMs: { gated: false },
  });
});

test('flag errors name the flag', () => {
  assert.throws(() => parseGateArgs(['--batch-sizes', '8']), /--baseline: expected/);
  assert.throws(() => parseGateArgs(['--baseline', 'b', '--time-budget', '-1']), /--time-budget/);
  assert.throws(() => parseGateArgs(['--baseline', 'b', '--bogus']), UsageError);
});

test('--fail-on accepts throughput, memory, latency and none', () => {
  assert.deepEqual(parseFailOn('memory,latency'), ['peakMemoryMB', 'p95LatencyMs']);
  assert.deepEqual(parseFailOn('none'), []);
  assert.throws(() => parseFailOn('throughput,'), /--fail-on: expected a comma-separated list/);
  assert.throws(() => parseFailOn('speed'), /--fail-on: expected one of throughput, memory, latency/);
});

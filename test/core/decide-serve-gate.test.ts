import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideServeGate } from '../../src/core/decide-serve-gate.js';
import { buildServeFixture, FIXTURE_SLO_MS } from '../report/serve/serve-fixtures.js';

/** Both sides within the objective at every rate: the knee lies above the rates in every round (no ratio). */
const SIDE = buildServeFixture({
  sweeps: [
    {
      textsPerRequest: 8,
      capacity: 1000,
      rates: [10, 20],
      knee: { kind: 'above-highest', highestRatePerSecond: 20 },
    },
  ],
  referenceRate: 10,
  rounds: 3,
});
const OPTIONS = { latencySloMs: FIXTURE_SLO_MS, sloQuantile: 'p95' } as const;
const NAMES = {
  describe: (input: string) => `--${input}`,
  suggest: (input: string, example: string) => `Pass --${input} ${example}.`,
};

test('an inconclusive serve gate passes, unless fail-on-inconclusive: then one problem line naming the setting', () => {
  const sides = { base: SIDE, head: SIDE };
  const passing = decideServeGate(sides, null, OPTIONS, NAMES);
  assert.equal(passing.comparison?.overall.verdict, 'inconclusive');
  assert.deepEqual(passing.problems, []);
  const failing = decideServeGate(sides, null, OPTIONS, NAMES, true);
  assert.equal(failing.problems.length, 1);
  assert.match(failing.problems[0] ?? '', /^inconclusive \(--failOnInconclusive\): .*knee/);
});

test('a dead server: no comparison, its failure the first problem', () => {
  const failure = { side: 'head' as const, message: 'the head server: it died' };
  const decided = decideServeGate({ base: SIDE, head: SIDE }, failure, OPTIONS, NAMES, true);
  assert.equal(decided.comparison, null);
  assert.deepEqual(decided.problems, ['the head server: it died']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DecisionInput } from '../../../src/decide/compare/decision-rule.js';
import { computeHorizon, decideVerdict } from '../../../src/decide/compare/decision-rule.js';

const throughput = (low: number, high: number, changes: Partial<DecisionInput> = {}): DecisionInput => ({
  direction: 'higher-is-better',
  threshold: 0.1,
  estimate: (low + high) / 2,
  interval: { kind: 'determined', low, high, confidence: 0.95, df: 4 },
  bestProcessChange: (low + high) / 2,
  systematicMargin: 0,
  adjustedPValues: { worse: 0.001, better: 0.999 },
  alpha: 0.05,
  ...changes,
});

const memory = (low: number, high: number, changes: Partial<DecisionInput> = {}): DecisionInput =>
  throughput(low, high, {
    direction: 'lower-is-better',
    adjustedPValues: { worse: 0.001, better: 0.999 },
    ...changes,
  });

test('the horizon is half the threshold', () => {
  assert.equal(computeHorizon(0.1), 0.05);
});

test('throughput: regression only when the whole interval is below −T/2', () => {
  const regression = decideVerdict(throughput(-0.12, -0.08));
  assert.equal(regression.verdict, 'regression');
  assert.equal(
    regression.reason,
    '−10.0 % (95 % CI −12.0 % to −8.0 %, best process −10.0 %, Holm-adjusted p 0.001): entirely beyond −5.0 % (half the 10.0 % threshold)',
  );
  assert.equal(decideVerdict(throughput(-0.08, -0.04)).verdict, 'inconclusive', 'straddles −5 %');
  assert.equal(decideVerdict(throughput(-0.03, 0.02)).verdict, 'no-change');
  assert.equal(decideVerdict(throughput(-0.2, 0.2)).verdict, 'inconclusive', 'too wide');
});

test('throughput: improvement mirrors regression', () => {
  const input = throughput(0.08, 0.12, { adjustedPValues: { worse: 0.999, better: 0.002 } });
  assert.equal(decideVerdict(input).verdict, 'improvement');
  assert.equal(
    decideVerdict({ ...input, adjustedPValues: { worse: 0.999, better: 0.2 } }).verdict,
    'inconclusive',
  );
});

test('memory: growth is the bad direction', () => {
  assert.equal(decideVerdict(memory(0.08, 0.12)).verdict, 'regression');
  assert.equal(
    decideVerdict(memory(-0.12, -0.08, { adjustedPValues: { worse: 1, better: 0.001 } })).verdict,
    'improvement',
  );
  assert.equal(
    decideVerdict(memory(-0.12, -0.08)).verdict,
    'inconclusive',
    'needs the better-direction p-value',
  );
});

test('a regression needs Holm significance and the best processes to agree', () => {
  const notSignificant = decideVerdict(
    throughput(-0.12, -0.08, { adjustedPValues: { worse: 0.06, better: 1 } }),
  );
  assert.equal(notSignificant.verdict, 'inconclusive');
  assert.match(notSignificant.reason, /but not significant after Holm$/);
  const bestDisagrees = decideVerdict(throughput(-0.3, -0.2, { bestProcessChange: -0.01 }));
  assert.equal(bestDisagrees.verdict, 'inconclusive');
  assert.match(bestDisagrees.reason, /but the best processes do not agree$/);
  const withinMargin = decideVerdict(
    throughput(-0.35, -0.12, { bestProcessChange: -0.13, systematicMargin: 0.16 }),
  );
  assert.equal(
    withinMargin.verdict,
    'inconclusive',
    'a normalization residual could explain the best process',
  );
  assert.equal(
    decideVerdict(throughput(-0.4, -0.3, { bestProcessChange: -0.35, systematicMargin: 0.16 })).verdict,
    'regression',
  );
});

test('aggregates (no best process, no Holm) decide on the interval alone', () => {
  const aggregate = throughput(-0.12, -0.08, { bestProcessChange: null, adjustedPValues: null });
  assert.equal(decideVerdict(aggregate).verdict, 'regression');
  assert.equal(
    decideVerdict(aggregate).reason,
    '−10.0 % (95 % CI −12.0 % to −8.0 %): entirely beyond −5.0 % (half the 10.0 % threshold)',
  );
});

test('no interval: inconclusive with the reason', () => {
  const decision = decideVerdict(
    throughput(0, 0, { interval: { kind: 'undetermined', reason: 'need 2 samples' } }),
  );
  assert.deepEqual(decision, { verdict: 'inconclusive', reason: 'cannot decide: need 2 samples' });
});

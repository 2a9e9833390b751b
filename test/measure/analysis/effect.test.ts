import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectSchema } from '../../../src/ground/schema/analysis-schema.js';
import { summarizeEffect, toIntervalData } from '../../../src/measure/analysis/index.js';
import { computeTwoSidedTCritical } from '../../../src/ground/stats/index.js';
import { assertClose } from '../../ground/stats/assert-close.js';

const labels = { baseline: '1 thread', variant: '4 threads' };

test('known values: medians, ratio of geometric means and the paired t interval on log ratios', () => {
  const pairs = [
    { baseline: 100, variant: 110 },
    { baseline: 200, variant: 242 },
    { baseline: 150, variant: 150 },
  ];
  const effect = summarizeEffect(pairs, labels);
  assert.equal(effect.baselineLabel, '1 thread');
  assert.equal(effect.variantLabel, '4 threads');
  assert.equal(effect.baselineTextsPerSecond, 150);
  assert.equal(effect.variantTextsPerSecond, 150);
  assert.equal(effect.pairs, 3);
  // log ratios are 0, a, 2a with a = ln 1.1: mean a, sd a, so the ratio is 1.1.
  assertClose(effect.relativeChange, 0.1, 1e-12);
  const a = Math.log(1.1);
  const margin = (computeTwoSidedTCritical(0.95, 2) * a) / Math.sqrt(3);
  assert.equal(effect.ci95.kind, 'determined');
  if (effect.ci95.kind !== 'determined') throw new Error('unreachable');
  assertClose(effect.ci95.low, Math.exp(a - margin) - 1, 1e-12);
  assertClose(effect.ci95.high, Math.exp(a + margin) - 1, 1e-12);
  assert.equal(effect.ci95.confidence, 0.95);
  assert.doesNotThrow(() => effectSchema.parse(effect));
});

test('one pair: the change is measured but the interval is undetermined', () => {
  const effect = summarizeEffect([{ baseline: 100, variant: 80 }], labels);
  assertClose(effect.relativeChange, -0.2, 1e-12);
  assert.equal(effect.ci95.kind, 'undetermined');
  if (effect.ci95.kind !== 'undetermined') throw new Error('unreachable');
  assert.match(effect.ci95.reason, /at least 2 pairs/);
});

test('no pairs or a non-positive rate throws a RangeError', () => {
  assert.throws(() => summarizeEffect([], labels), /4 threads vs 1 thread: expected at least one pair/);
  assert.throws(() => summarizeEffect([{ baseline: 0, variant: 1 }], labels), RangeError);
});

test('toIntervalData keeps bounds and confidence, or the message as the reason', () => {
  const determined = {
    kind: 'determined',
    estimate: 0.1,
    low: 0,
    high: 0.2,
    confidence: 0.95,
    n: 4,
    df: 3,
    standardError: 0.01,
  } as const;
  assert.deepEqual(toIntervalData(determined), { kind: 'determined', low: 0, high: 0.2, confidence: 0.95 });
  const undetermined = {
    kind: 'undetermined',
    reason: 'too-few-samples',
    message: 'need at least 2 pairs',
    estimate: null,
    confidence: 0.95,
    n: 1,
    df: 0,
  } as const;
  assert.deepEqual(toIntervalData(undetermined), { kind: 'undetermined', reason: 'need at least 2 pairs' });
});

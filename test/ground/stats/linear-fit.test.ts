import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeterminedLineFit, LineFit } from '../../../src/ground/stats/index.js';
import { fitLine } from '../../../src/ground/stats/index.js';
import { assertClose } from './assert-close.js';

function expectFit(fit: LineFit): DeterminedLineFit {
  assert.equal(fit.kind, 'determined', JSON.stringify(fit));
  if (fit.kind !== 'determined') throw new Error('unreachable');
  return fit;
}

test('an exact line is recovered with r² = 1 and a zero-width slope interval', () => {
  const fit = expectFit(fitLine([1, 2, 3, 4], [5, 7, 9, 11]));
  assertClose(fit.slope, 2, 1e-12);
  assertClose(fit.intercept, 3, 1e-12);
  assertClose(fit.rSquared, 1, 1e-12);
  assertClose(fit.slopeInterval.low, 2, 1e-9);
  assertClose(fit.slopeInterval.high, 2, 1e-9);
  assert.equal(fit.df, 2);
});

test('noisy line: slope, intercept, r² and slope CI match a hand computation (t(0.975, 4) = 2.77644511)', () => {
  const fit = expectFit(fitLine([1, 2, 3, 4, 5, 6], [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]));
  assertClose(fit.slope, 2.02, 1e-12);
  assertClose(fit.intercept, -0.02, 1e-12);
  assertClose(fit.rSquared, 0.9982106661074999, 1e-12);
  assertClose(fit.slopeInterval.standardError, 0.04276179870598793, 1e-10);
  assertClose(fit.slopeInterval.low, 1.901274213087955, 1e-8);
  assertClose(fit.slopeInterval.high, 2.138725786912044, 1e-8);
});

test('a flat line has slope 0 and r² = 1 by convention', () => {
  const fit = expectFit(fitLine([1, 2, 3], [4, 4, 4]));
  assert.equal(fit.slope, 0);
  assert.equal(fit.rSquared, 1);
});

test('n < 3 and constant x are undetermined', () => {
  const short = fitLine([1, 2], [3, 4]);
  assert.equal(short.kind, 'undetermined');
  if (short.kind === 'undetermined') assert.equal(short.reason, 'too-few-samples');
  const vertical = fitLine([2, 2, 2], [1, 2, 3]);
  assert.equal(vertical.kind, 'undetermined');
  if (vertical.kind === 'undetermined') assert.equal(vertical.reason, 'no-x-spread');
});

test('invalid input throws RangeError', () => {
  assert.throws(() => fitLine([1, 2, 3], [1, 2]), { name: 'RangeError', message: /equal lengths/ });
  assert.throws(() => fitLine([], []), RangeError);
  assert.throws(() => fitLine([1, 2, Number.NaN], [1, 2, 3]), RangeError);
});

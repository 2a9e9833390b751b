import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisSchema } from '../../../src/ground/schema/analysis-schema.js';
import { summarizeMemoryGrowth } from '../../../src/measure/analysis/index.js';
import { fitLine } from '../../../src/ground/stats/index.js';
import { assertClose } from '../../ground/stats/assert-close.js';
import { createFailedCell, createMeasuredCell, createSkippedCell } from './analysis-cells.js';

const cells = [
  createMeasuredCell({
    batchSize: 8,
    textsPerSecond: [400, 410, 405],
    peakMB: [260, 250, 255],
    afterLoadMB: [150, 149, 151],
    tokens: { realPerBatch: 80, paddedPerBatch: 128 },
  }),
  createMeasuredCell({
    batchSize: 1,
    textsPerSecond: [100, 101, 99],
    peakMB: [210, 205, 220],
    afterLoadMB: [152, 150, 148],
    tokens: { realPerBatch: 12, paddedPerBatch: 16 },
  }),
  createMeasuredCell({
    batchSize: 32,
    textsPerSecond: [520, 530],
    peakMB: [410, 400],
    afterLoadMB: [150, 160],
    tokens: { realPerBatch: 300, paddedPerBatch: 512 },
  }),
  createSkippedCell(128, 'predicted 1,400 MB > cap 300 MB'),
  createFailedCell(64, 'worker exited with code 134'),
];

test('perBatch: min peak over processes, delta vs the median after-load, padded tokens, over cap', () => {
  const growth = summarizeMemoryGrowth(cells, 300);
  assert.deepEqual(growth.perBatch, [
    { batchSize: 1, peakMB: 205, deltaMB: 55, paddedTokensPerBatch: 16, overCap: false },
    { batchSize: 8, peakMB: 250, deltaMB: 100, paddedTokensPerBatch: 128, overCap: false },
    { batchSize: 32, peakMB: 400, deltaMB: 245, paddedTokensPerBatch: 512, overCap: true },
  ]);
});

test('growth fits use the measured cells only: peak MB vs batch size and vs padded tokens', () => {
  const growth = summarizeMemoryGrowth(cells, 300);
  const perText = fitLine([1, 8, 32], [205, 250, 400]);
  const perToken = fitLine([16, 128, 512], [205, 250, 400]);
  assert.equal(growth.growthPerText.kind, 'determined');
  assert.equal(growth.growthPerToken.kind, 'determined');
  if (growth.growthPerText.kind !== 'determined' || perText.kind !== 'determined') throw new Error('fit');
  if (growth.growthPerToken.kind !== 'determined' || perToken.kind !== 'determined') throw new Error('fit');
  // Sxy = Σxy − n·x̄·ȳ = 15005 − 11685 = 3320; Sxx = Σx² − n·x̄² = 1089 − 1681/3 = 1586/3.
  assertClose(growth.growthPerText.slope, 9960 / 1586, 1e-12);
  assertClose(growth.growthPerText.low, perText.slopeInterval.low, 1e-12);
  assertClose(growth.growthPerText.high, perText.slopeInterval.high, 1e-12);
  assert.equal(growth.growthPerText.n, 3);
  assertClose(growth.growthPerToken.slope, perToken.slope, 1e-12);
  assertClose(growth.growthPerToken.rSquared, perToken.rSquared, 1e-12);
});

test('fewer than 3 measured sizes, or no token counts: undetermined fits, never a throw', () => {
  const two = cells
    .slice(0, 2)
    .map((cell) => (cell.status === 'measured' ? { ...cell, tokens: null } : cell));
  const growth = summarizeMemoryGrowth(two, 300);
  assert.equal(growth.perBatch.length, 2);
  assert.deepEqual(growth.growthPerText, {
    kind: 'undetermined',
    reason: 'need at least 3 points for a slope interval, got 2',
  });
  assert.deepEqual(growth.growthPerToken, { kind: 'undetermined', reason: 'no points to fit' });
  assert.deepEqual(summarizeMemoryGrowth([createSkippedCell(8, 'cap')], 300).perBatch, []);
  assert.throws(() => summarizeMemoryGrowth(cells, 0), /capMB is 0/);
});

test('the result fits the analysis schema', () => {
  const growth = summarizeMemoryGrowth(cells, 300);
  const memory = analysisSchema.shape.memory.pick({
    perBatch: true,
    growthPerText: true,
    growthPerToken: true,
  });
  assert.doesNotThrow(() => memory.parse(growth));
});

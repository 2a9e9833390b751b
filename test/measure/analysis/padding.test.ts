import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisSchema } from '../../../src/ground/schema/analysis-schema.js';
import { computeWasteShare, summarizeEffect, summarizePadding } from '../../../src/measure/analysis/index.js';
import { createFailedCell, createMeasuredCell, createSkippedCell } from './analysis-cells.js';

const cells = [
  createMeasuredCell({
    batchSize: 32,
    textsPerSecond: [500],
    peakMB: [300],
    tokens: { realPerBatch: 300, paddedPerBatch: 400 },
  }),
  createMeasuredCell({
    batchSize: 1,
    textsPerSecond: [100],
    peakMB: [200],
    tokens: { realPerBatch: 12, paddedPerBatch: 12 },
  }),
  createMeasuredCell({ batchSize: 4, textsPerSecond: [200], peakMB: [220], tokens: null }),
  createSkippedCell(128, 'cap'),
  createFailedCell(64, 'crash'),
];

test('real vs padded tokens and waste share per measured batch with token counts, ascending', () => {
  const padding = summarizePadding(cells);
  assert.deepEqual(padding, {
    perBatch: [
      { batchSize: 1, realTokens: 12, paddedTokens: 12, wasteShare: 0 },
      { batchSize: 32, realTokens: 300, paddedTokens: 400, wasteShare: 0.25 },
    ],
    bucketing: null,
  });
});

test('the bucketing effect is passed through unchanged', () => {
  const bucketing = summarizeEffect(
    [
      { baseline: 100, variant: 120 },
      { baseline: 101, variant: 119 },
    ],
    { baseline: 'corpus order', variant: 'length-sorted' },
  );
  const padding = summarizePadding(cells, bucketing);
  assert.equal(padding.bucketing, bucketing);
  assert.doesNotThrow(() => analysisSchema.shape.padding.parse(padding));
});

test('computeWasteShare: 1 − real / padded, clamped, 0 without padded tokens', () => {
  assert.equal(computeWasteShare(30, 40), 0.25);
  assert.equal(computeWasteShare(0, 0), 0);
  assert.equal(computeWasteShare(50, 40), 0);
});

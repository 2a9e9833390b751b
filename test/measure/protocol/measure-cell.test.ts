import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BatchOutcome, ProfiledEmbedder } from '../../../src/measure/engine/embedder.js';
import {
  isSteady,
  measureCell,
  type MeasurePolicy,
} from '../../../src/measure/protocol/worker/measure-cell.js';

/** A fake embedder on a fake clock: batch i costs costs[i] ms (the last cost repeats). */
function createFakeEmbedder(costs: number[]): {
  embedder: ProfiledEmbedder;
  clock: () => number;
  seen: string[][];
} {
  let now = 0;
  let calls = 0;
  const seen: string[][] = [];
  const embedder: ProfiledEmbedder = {
    kind: 'custom',
    async embedBatch(texts): Promise<BatchOutcome> {
      const cost = costs[Math.min(calls++, costs.length - 1)] ?? 1;
      now += cost;
      seen.push(texts);
      return {
        embeddings: texts.map(() => [1]),
        timing: { tokenizeMs: 0, inferenceMs: cost, poolingMs: 0, otherMs: 0, totalMs: cost },
        tokens: { real: texts.length, padded: texts.length, truncated: 0, sequenceLength: 1 },
      };
    },
    close: async () => {},
  };
  return { embedder, clock: () => now, seen };
}

const policy: MeasurePolicy = {
  minWarmupBatches: 3,
  maxWarmupBatches: 10,
  maxWarmupSeconds: 60,
  steadyWindow: 3,
  steadyTolerance: 0.1,
  minMeasuredBatches: 4,
  minMeasuredSeconds: 0,
  maxMeasuredBatches: 100,
  maxMeasuredSeconds: 60,
  probeReadings: 3,
  probeReadingMs: 30,
  probeMinRuns: 3,
};

test('warm-up runs until the last batches are steady, and cold batches are never measured', async () => {
  const { embedder, clock } = createFakeEmbedder([500, 120, 100, 101, 100, 100]);
  const result = await measureCell(embedder, [['a', 'b']], policy, clock);
  assert.equal(result.warmupSteady, true);
  assert.equal(result.warmupBatches, 5, 'steady once 120 has left the 3-batch window');
  assert.ok(result.batches.every((b) => b.timing.totalMs <= 101));
  assert.ok(result.batches.every((o) => o.timing.totalMs <= 101));
  assert.equal(result.batches.length, 4);
  assert.ok(Math.abs(result.measuredSeconds - 0.4) < 1e-9);
});

test('warm-up gives up at maxWarmupBatches and says it never became steady', async () => {
  const { embedder, clock } = createFakeEmbedder([
    100, 200, 100, 200, 100, 200, 100, 200, 100, 200, 100, 200, 100,
  ]);
  const result = await measureCell(embedder, [['a']], policy, clock);
  assert.equal(result.warmupSteady, false);
  assert.equal(result.warmupBatches, 10);
});

test('measurement continues until the minimum time has passed', async () => {
  const { embedder, clock } = createFakeEmbedder([50]);
  const result = await measureCell(embedder, [['a']], { ...policy, minMeasuredSeconds: 1 }, clock);
  assert.equal(result.batches.length, 20);
});

test('every process replays the same batches in the same order, in whole passes', async () => {
  const { embedder, clock, seen } = createFakeEmbedder([10]);
  const result = await measureCell(embedder, [['a'], ['b'], ['c']], policy, clock);
  const measured = seen.slice(result.warmupBatches).map((texts) => texts[0]);
  assert.deepEqual(
    measured,
    ['a', 'b', 'c', 'a', 'b', 'c'],
    '4 batches asked for: the second pass is finished',
  );
});

test('the time caps stop a cell only at the end of a pass', async () => {
  const { embedder, clock, seen } = createFakeEmbedder([3000]);
  const batches = [['a'], ['b'], ['c']];
  const result = await measureCell(embedder, batches, { ...policy, maxMeasuredSeconds: 5 }, clock);
  assert.equal(result.batches.length, 3, 'past 5 s after 2 batches, but the pass has a third');
  assert.deepEqual(
    seen.slice(result.warmupBatches).map((texts) => texts[0]),
    ['a', 'b', 'c'],
  );
});

test('isSteady compares the spread of the window with its median', () => {
  assert.equal(isSteady([1, 1.05, 0.98], { steadyWindow: 3, steadyTolerance: 0.1 }), true);
  assert.equal(isSteady([1, 1.2, 1], { steadyWindow: 3, steadyTolerance: 0.1 }), false);
  assert.equal(isSteady([1, 1], { steadyWindow: 3, steadyTolerance: 0.1 }), false);
});

test('warm-up also stops at maxWarmupSeconds, unsteady', async () => {
  const { embedder, clock } = createFakeEmbedder([1000, 2000]);
  const result = await measureCell(embedder, [['a']], { ...policy, maxWarmupSeconds: 4.5 }, clock);
  assert.equal(result.warmupSteady, false);
  assert.equal(result.warmupBatches, 3, 'after 3 batches (1 + 2 + 2 s ≥ 4.5 s)');
});

test('slow cells stop at maxMeasuredSeconds once they have two batches', async () => {
  const { embedder, clock } = createFakeEmbedder([3000]);
  const result = await measureCell(embedder, [['a']], { ...policy, maxMeasuredSeconds: 5 }, clock);
  assert.equal(result.batches.length, 2);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Effect, Recommendation } from '../../../src/ground/schema/analysis-schema.js';
import { recommendationSchema } from '../../../src/ground/schema/analysis-schema.js';
import type { RecommendationInput } from '../../../src/measure/analysis/index.js';
import {
  recommend,
  summarizeEffect,
  summarizeMemoryGrowth,
  summarizePadding,
} from '../../../src/measure/analysis/index.js';
import { computeGeometricMean } from '../../../src/ground/stats/index.js';
import { assertClose } from '../../ground/stats/assert-close.js';
import { createMeasuredCell, createSkippedCell } from './analysis-cells.js';

const cells = [
  createMeasuredCell({
    batchSize: 1,
    textsPerSecond: [100, 102, 98],
    peakMB: [200, 205, 210],
    p95Ms: 12,
    tokens: { realPerBatch: 12, paddedPerBatch: 12 },
  }),
  createMeasuredCell({
    batchSize: 8,
    textsPerSecond: [400, 410, 395],
    peakMB: [260, 255, 270],
    p95Ms: 30,
    tokens: { realPerBatch: 80, paddedPerBatch: 100 },
  }),
  createMeasuredCell({
    batchSize: 32,
    textsPerSecond: [520, 530, 510],
    peakMB: [400, 410, 405],
    p95Ms: 90,
    tokens: { realPerBatch: 300, paddedPerBatch: 400 },
  }),
  createSkippedCell(128, 'predicted peak 1,900 MB is over the 1,024 MB cap'),
];

/** Interleaved pairs around baseline 100 texts/s with the variant at `ratio` times, ± small alternating noise. */
function measure(ratio: number, noise: number, baseline: string, variant: string): Effect {
  const pairs = [0, 1, 2, 3, 4, 5].map((i) => ({
    baseline: 100 + i,
    variant: (100 + i) * ratio * (1 + (i % 2 === 0 ? noise : -noise)),
  }));
  return summarizeEffect(pairs, { baseline, variant });
}

const truncate128 = measure(1.3, 0.01, 'full length', 'truncated at 128');
const truncate256 = measure(1.0, 0.03, 'full length', 'truncated at 256');
const truncate512 = measure(1.0, 0.01, 'full length', 'truncated at 512');
const bucketing = measure(1.2, 0.01, 'corpus order', 'length-sorted');
const threads = measure(0.9, 0.01, '1 thread', '4 threads');

function createInput(
  options: RecommendationInput['options'],
  dtype: Effect | null = null,
): RecommendationInput {
  return {
    batchCells: cells,
    memory: summarizeMemoryGrowth(cells, options.maxMemoryMB).perBatch,
    padding: summarizePadding(cells, bucketing),
    experiments: {
      truncation: [
        { maxTokens: 512, shareOver: 0, effect: truncate512 },
        { maxTokens: 256, shareOver: 0.05, effect: truncate256 },
        { maxTokens: 128, shareOver: 0.2, effect: truncate128 },
      ],
      threads,
      dtype,
    },
    options,
  };
}

function findKind(list: Recommendation[], kind: Recommendation['kind']): Recommendation {
  const found = list.find((recommendation) => recommendation.kind === kind);
  assert.ok(found !== undefined, `no ${kind} recommendation in ${JSON.stringify(list.map((r) => r.kind))}`);
  return found;
}

const measuredEffects = [truncate128, truncate256, truncate512, bucketing, threads];

/** Every recommendation is valid, names its evidence, and any effect is one that was measured. */
function assertGrounded(list: Recommendation[]): void {
  for (const recommendation of list) {
    assert.doesNotThrow(() => recommendationSchema.parse(recommendation));
    assert.ok(recommendation.evidence.length > 0, `${recommendation.kind} has no evidence`);
    const effect = recommendation.effect;
    if (effect === null || recommendation.kind === 'throughput-batch-size') continue;
    const source = measuredEffects.find((measured) => measured.relativeChange === effect.relativeChange);
    assert.ok(source !== undefined, `${recommendation.kind} carries an effect that was not measured`);
    assert.deepEqual(effect, { metric: 'texts/s', relativeChange: source.relativeChange, ci95: source.ci95 });
  }
}

test('hand-built profile: the expected kinds, in order, each grounded in measurements', () => {
  const list = recommend(createInput({ latencySloMs: 50, maxMemoryMB: 1024 }));
  assertGrounded(list);
  assert.deepEqual(
    list.map((recommendation) => recommendation.kind),
    [
      'throughput-batch-size',
      'latency-slo-batch-size',
      'memory-cap-batch-size',
      'truncation',
      'truncation',
      'bucketing',
      'threads',
    ],
  );
});

test('throughput: the highest median, with the effect vs the smallest batch from independent processes', () => {
  const throughput = findKind(
    recommend(createInput({ latencySloMs: null, maxMemoryMB: 1024 })),
    'throughput-batch-size',
  );
  assert.equal(throughput.title, 'Use batch size 32 for throughput');
  assert.deepEqual(throughput.evidence, ['batch 1', 'batch 8', 'batch 32']);
  const expected = computeGeometricMean([520, 530, 510]) / computeGeometricMean([100, 102, 98]) - 1;
  assert.ok(throughput.effect !== null);
  assert.equal(throughput.effect.metric, 'texts/s');
  assertClose(throughput.effect.relativeChange, expected, 1e-12);
  assert.equal(throughput.effect.ci95?.kind, 'determined');
  if (throughput.effect.ci95?.kind !== 'determined') throw new Error('unreachable');
  assert.ok(throughput.effect.ci95.low > 0 && throughput.effect.ci95.low < expected);
});

test('latency SLO and memory cap are limits: no effect, evidence names the cells at the boundary', () => {
  const list = recommend(createInput({ latencySloMs: 50, maxMemoryMB: 1024 }));
  const latency = findKind(list, 'latency-slo-batch-size');
  assert.match(latency.title, /50 ms p95 latency target: 8$/);
  assert.equal(latency.effect, null);
  assert.deepEqual(latency.evidence, ['batch 8', 'batch 32']);
  const memory = findKind(list, 'memory-cap-batch-size');
  assert.match(memory.title, /: 32$/);
  assert.equal(memory.effect, null);
  assert.deepEqual(memory.evidence, ['batch 32', 'batch 128']);
  assert.match(memory.detail, /Batch 32 peaked at 400 MB.*Batch 128 was skipped \(memory-cap/);
  assert.ok(!list.some((r) => r.kind === 'latency-slo-batch-size' && r.evidence.includes('batch 128')));
  assert.equal(
    recommend(createInput({ latencySloMs: null, maxMemoryMB: 1024 })).filter(
      (r) => r.kind === 'latency-slo-batch-size',
    ).length,
    0,
  );
});

test('experiments: truncation only where the speed-up CI excludes zero, skipped where nothing is cut', () => {
  const list = recommend(createInput({ latencySloMs: null, maxMemoryMB: 1024 }));
  const truncation = list.filter((recommendation) => recommendation.kind === 'truncation');
  assert.deepEqual(
    truncation.map((recommendation) => [recommendation.title, recommendation.evidence]),
    [
      ['Truncate texts at 128 tokens', ['experiment truncation 128 tokens']],
      ['Truncating at 256 tokens is not worth it', ['experiment truncation 256 tokens']],
    ],
  );
  assert.match(truncation[0]?.detail ?? '', /20\.0 % of the texts are longer than 128 tokens/);
  assert.match(truncation[1]?.detail ?? '', /no measurable speed-up/);
  const bucketingAdvice = findKind(list, 'bucketing');
  assert.equal(bucketingAdvice.title, 'Sort texts by length before batching');
  assert.deepEqual(bucketingAdvice.evidence, ['experiment bucketing', 'batch 32']);
  assert.match(bucketingAdvice.detail, /25\.0 % of the padded tokens of batch 32 are padding/);
  assert.equal(findKind(list, 'threads').title, 'Keep 1 thread: 4 threads was slower');
  assert.ok(!list.some((recommendation) => recommendation.kind === 'dtype'), 'dtype was not measured');
});

test('dtype with a single pair: no CI, so no measurable gain is claimed, but the measured change is kept', () => {
  const dtype = summarizeEffect([{ baseline: 100, variant: 150 }], { baseline: 'fp32', variant: 'q8' });
  const advice = findKind(recommend(createInput({ latencySloMs: null, maxMemoryMB: 1024 }, dtype)), 'dtype');
  assert.equal(advice.title, 'q8: no measurable gain over fp32');
  assert.deepEqual(advice.effect, {
    metric: 'texts/s',
    relativeChange: dtype.relativeChange,
    ci95: dtype.ci95,
  });
  assert.deepEqual(advice.evidence, ['experiment dtype']);
});

test('a tight memory cap: batch sizes over it are not recommended for throughput or latency', () => {
  const list = recommend(createInput({ latencySloMs: 50, maxMemoryMB: 230 }));
  assertGrounded(list);
  const throughput = findKind(list, 'throughput-batch-size');
  assert.equal(throughput.title, 'Batch size 1 for throughput');
  assert.equal(throughput.effect, null, 'nothing to compare against: no effect is invented');
  assert.match(findKind(list, 'latency-slo-batch-size').title, /: 1$/);
  const memory = findKind(list, 'memory-cap-batch-size');
  assert.deepEqual(memory.evidence, ['batch 1', 'batch 8', 'batch 32', 'batch 128']);
  assert.match(
    memory.detail,
    /Batch 8 peaked at 255 MB, over the cap. Batch 32 peaked at 400 MB, over the cap. Batch 128 was skipped/,
  );
});

test('nothing fits, nothing meets the SLO, nothing measured', () => {
  const none = recommend(createInput({ latencySloMs: 50, maxMemoryMB: 100 }));
  const memory = findKind(none, 'memory-cap-batch-size');
  assert.equal(memory.title, 'No measured batch size fits in 100 MB');
  assert.ok(!none.some((r) => r.kind === 'throughput-batch-size' || r.kind === 'latency-slo-batch-size'));
  const slow = findKind(
    recommend(createInput({ latencySloMs: 5, maxMemoryMB: 1024 })),
    'latency-slo-batch-size',
  );
  assert.equal(slow.title, 'No measured batch size meets the 5 ms p95 latency target');
  assert.deepEqual(slow.evidence, ['batch 1']);
  const empty = recommend({
    batchCells: [],
    memory: [],
    padding: { perBatch: [], bucketing: null },
    experiments: { truncation: [], threads: null, dtype: null },
    options: { latencySloMs: 50, maxMemoryMB: 1024 },
  });
  assert.deepEqual(empty, []);
  assert.throws(
    () => recommend({ ...createInput({ latencySloMs: 0, maxMemoryMB: 1024 }) }),
    /latencySloMs is 0/,
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadBaselines } from '../../../src/decide/baseline/baseline-files.js';
import type { Baseline } from '../../../src/decide/baseline/baseline-schema.js';
import { baselineSchema, LEGACY_NOTE } from '../../../src/decide/baseline/baseline-schema.js';
import { formatCellLabel } from '../../../src/ground/schema/cell-key.js';
import { detectLegacyFormat } from '../../../src/decide/baseline/legacy-formats.js';
import { dropColdIterations, readLegacySeed } from '../../../src/decide/baseline/legacy-seed.js';
import { UsageError } from '../../../src/ground/errors.js';
import { assertClose } from '../../ground/stats/assert-close.js';
import { requireSharedPath } from '../../helpers/shared-data.js';

const seedPath = (name: string): string => requireSharedPath(`seed-data/${name}`);
const readSeed = (name: string): unknown => JSON.parse(readFileSync(seedPath(name), 'utf8'));

function findCell(baseline: Baseline, label: string) {
  const cell = baseline.cells.find((item) => formatCellLabel(item.key) === label);
  assert.ok(
    cell,
    `${label} missing: have ${baseline.cells.map((item) => formatCellLabel(item.key)).join(', ')}`,
  );
  return cell;
}

function assertLegacyShape(baseline: Baseline, format: string) {
  assert.doesNotThrow(() => baselineSchema.parse(baseline));
  assert.equal(baseline.origin.kind, 'legacy');
  if (baseline.origin.kind !== 'legacy') return;
  assert.equal(baseline.origin.format, format);
  assert.equal(baseline.origin.note, LEGACY_NOTE);
  assert.equal(baseline.fingerprint.cpuModel, 'unknown');
  assert.equal(baseline.fingerprint.modelSpec, 'sentence-transformers/all-MiniLM-L6-v2');
  assert.equal(baseline.calibration, null);
  assert.ok(baseline.cells.every((cell) => cell.normalizedThroughput === null && cell.probeGflops === null));
}

test('each predecessor file is recognised by its keys', () => {
  assert.equal(detectLegacyFormat(readSeed('baseline_embeddings_2025-10-27.json')), 'baseline-embeddings');
  assert.equal(detectLegacyFormat(readSeed('batch_size_profile_2025-10-31.json')), 'batch-size-profile');
  assert.equal(detectLegacyFormat(readSeed('text_length_profile_2025-10-31.json')), 'text-length-profile');
  assert.equal(detectLegacyFormat(readSeed('memory_analysis_2025-10-31.json')), 'memory-analysis');
  assert.equal(detectLegacyFormat(readSeed('test_claims.json')), null);
});

test('baseline_embeddings: batch 8–64 throughput, batch 1 from the single-text latencies, run memory', () => {
  const baseline = readLegacySeed(
    readSeed('baseline_embeddings_2025-10-27.json'),
    'baseline_embeddings_2025-10-27.json',
  );
  assertLegacyShape(baseline, 'baseline-embeddings');
  assert.equal(baseline.name, 'baseline_embeddings_2025-10-27');
  assert.deepEqual(
    baseline.cells.map((cell) => formatCellLabel(cell.key)),
    ['batch 1', 'batch 8', 'batch 16', 'batch 32', 'batch 64'],
  );
  assertClose(findCell(baseline, 'batch 64').throughput[0] ?? 0, 1184.9225712376399);
  assertClose(findCell(baseline, 'batch 1').throughput[0] ?? 0, 1000 / 6.6605839998373995);
  assert.deepEqual(findCell(baseline, 'batch 1').p95LatencyMs, [7.247000001370907]);
  assert.equal(findCell(baseline, 'batch 8').peakMemoryMB, null, 'RSS after a pass is not a peak');
  assert.deepEqual(baseline.memory, {
    baselineMB: 535.703125,
    afterLoadMB: 535.71484375,
    peakMB: 537.890625,
  });
});

test('batch_size_profile: batch 8–256, one throughput and one shared-process peak each', () => {
  const baseline = readLegacySeed(
    readSeed('batch_size_profile_2025-10-31.json'),
    'seed/batch_size_profile_2025-10-31.json',
  );
  assertLegacyShape(baseline, 'batch-size-profile');
  assert.equal(baseline.name, 'batch_size_profile_2025-10-31');
  assert.equal(baseline.cells.length, 6);
  assert.deepEqual(findCell(baseline, 'batch 256').throughput, [1493.4077249648924]);
  assert.deepEqual(findCell(baseline, 'batch 256').peakMemoryMB, [626.19140625]);
  assert.deepEqual(baseline.memory, { baselineMB: null, afterLoadMB: 429.3828125, peakMB: 626.19140625 });
  assert.equal(baseline.createdAt, '2025-10-31T01:54:01.763608');
});

test('text_length_profile: the cold first pass of 10 chars is dropped, and the adjustment says so', () => {
  const baseline = readLegacySeed(
    readSeed('text_length_profile_2025-10-31.json'),
    'text_length_profile_2025-10-31.json',
  );
  assertLegacyShape(baseline, 'text-length-profile');
  assert.deepEqual(
    baseline.cells.map((cell) => formatCellLabel(cell.key)),
    [10, 50, 100, 256, 512, 1024].map((chars) => `${chars} chars @ batch 32`),
  );
  assert.deepEqual(
    findCell(baseline, '10 chars @ batch 32').throughput,
    [1702.380915822636, 1679.5155202138894],
  );
  assert.equal(findCell(baseline, '50 chars @ batch 32').throughput.length, 3, 'warm iterations kept');
  const adjustments = baseline.origin.kind === 'legacy' ? baseline.origin.adjustments : [];
  assert.ok(
    adjustments.some((line) => /10 chars: dropped cold first iteration\(s\) 275 texts\/s/.test(line)),
  );
  assert.equal(adjustments.filter((line) => line.includes('dropped cold')).length, 1);
});

test('memory_analysis: per-iteration throughput from num_test_texts / elapsed, peaks per batch size', () => {
  const baseline = readLegacySeed(
    readSeed('memory_analysis_2025-10-31.json'),
    'memory_analysis_2025-10-31.json',
  );
  assertLegacyShape(baseline, 'memory-analysis');
  const batch8 = findCell(baseline, 'batch 8');
  assert.equal(batch8.throughput.length, 3);
  assertClose(batch8.throughput[0] ?? 0, 1000 / 1.7158177999954205);
  assert.deepEqual(batch8.peakMemoryMB, [467.11328125]);
  assert.deepEqual(baseline.memory, { baselineMB: null, afterLoadMB: 430.27734375, peakMB: 657.70703125 });
});

test('loadBaselines reads a predecessor file from ../shared as a legacy baseline', async () => {
  const [loaded] = await loadBaselines(seedPath('batch_size_profile_2025-10-31.json'));
  assert.equal(loaded?.baseline.origin.kind, 'legacy');
  assert.equal(loaded?.baseline.cells.length, 6);
});

test('an unknown JSON object, or a damaged legacy file, is a UsageError naming the file', () => {
  assert.throws(
    () => readLegacySeed(readSeed('test_claims.json'), 'seed/test_claims.json'),
    (error: unknown) =>
      error instanceof UsageError &&
      /^seed\/test_claims\.json: expected an embedprof baseline .*batch-size-profile \(keys metadata, batch_results\)/.test(
        error.message,
      ) &&
      /received an object with keys/.test(error.message),
  );
  assert.throws(
    () =>
      readLegacySeed(
        { metadata: { timestamp: 'x', model: 'm' }, batch_results: [{ batch_size: 8 }] },
        'old.json',
      ),
    (error: unknown) =>
      error instanceof UsageError &&
      /^old\.json: expected a complete predecessor batch-size-profile file.*throughput_texts_per_sec/.test(
        error.message,
      ),
  );
  assert.throws(
    () => readLegacySeed([1, 2], 'list.json'),
    (error: unknown) => error instanceof UsageError && /received a JSON array/.test(error.message),
  );
});

test('dropColdIterations drops only leading passes more than 20 % below the later median', () => {
  assert.deepEqual(dropColdIterations([275, 1702, 1680]), { kept: [1702, 1680], dropped: [275] });
  assert.deepEqual(
    dropColdIterations([100, 50, 100]),
    { kept: [100, 50, 100], dropped: [] },
    'only leading ones',
  );
  assert.deepEqual(dropColdIterations([500, 700]), { kept: [700], dropped: [500] });
  assert.deepEqual(dropColdIterations([300]), { kept: [300], dropped: [] });
});

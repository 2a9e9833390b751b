import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineSchema } from '../../../src/decide/baseline/baseline-schema.js';
import { formatCellLabel } from '../../../src/ground/schema/cell-key.js';
import type { BaselineMigration } from '../../../src/decide/baseline/migrate-baseline.js';
import { BASELINE_MIGRATIONS, migrateBaseline } from '../../../src/decide/baseline/migrate-baseline.js';
import { parseBaselineText } from '../../../src/decide/baseline/parse-baseline.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { UsageError } from '../../../src/ground/errors.js';
import { buildTestProfile } from '../compare/test-profile.js';
import { createTestBaseline, TWO_CELLS } from './baseline-fixtures.js';

const failsWith = (pattern: RegExp) => (error: unknown) =>
  error instanceof UsageError && pattern.test(error.message);

test('a baseline made from a profile keeps every process of every measured cell, aligned', () => {
  const baseline = createTestBaseline();
  assert.equal(baseline.schemaVersion, 1);
  assert.equal(baseline.origin.kind, 'embedprof');
  assert.deepEqual(
    baseline.cells.map((cell) => formatCellLabel(cell.key)),
    ['batch 8', '256 chars @ batch 32'],
  );
  const [batch8] = baseline.cells;
  assert.deepEqual(batch8?.throughput, [1000, 1010, 990]);
  assert.deepEqual(batch8?.probeGflops, [200, 200, 200]);
  assert.deepEqual(batch8?.normalizedThroughput, [5, 5.05, 4.95]);
  assert.equal(batch8?.p95LatencyMs?.length, 3);
  assert.ok(Math.abs((batch8?.p95LatencyMs?.[0] ?? 0) - 8.352) < 1e-9, 'type-7 p95 of 8, 8.08, 7.92, 8.4 ms');
  assert.deepEqual(baseline.fingerprint, {
    cpuModel: 'AMD EPYC 7B13',
    logicalCores: 2,
    isaFlags: ['avx2', 'avx512_vnni', 'avx512f'],
    threads: 2,
    onnxruntime: '1.30.0',
    node: '20.20.0',
    modelSha256: 'abc123',
    modelSpec: 'synthetic:all-MiniLM-L6-v2',
    dtype: 'q8',
  });
  assert.equal(baseline.calibration?.gflops.length, 6);
  assert.equal(baseline.provenance.commit, 'abc123');
  assert.doesNotThrow(() => baselineSchema.parse(baseline));
});

test('skipped and failed cells are left out of a baseline', () => {
  const profile = buildTestProfile(TWO_CELLS);
  profile.batchSweep.push({
    batchSize: 512,
    status: 'skipped',
    reason: 'memory-cap',
    detail: 'over 4096 MB',
  });
  profile.batchSweep.push({ batchSize: 1024, status: 'failed', error: 'worker crashed' });
  const baseline = createBaselineFromProfile(profile, { name: 'main', provenance: EMPTY_PROVENANCE });
  assert.equal(baseline.cells.length, 2);
});

test('a baseline name must be usable as a file name', () => {
  const profile = buildTestProfile(TWO_CELLS);
  for (const name of ['../main', '', '.hidden', 'a/b', 'x'.repeat(129)]) {
    assert.throws(
      () => createBaselineFromProfile(profile, { name, provenance: EMPTY_PROVENANCE }),
      failsWith(/^--name: expected a baseline name/),
      name,
    );
  }
});

test('per-process arrays of different lengths, and duplicate cells, are schema errors naming the field', () => {
  const baseline = createTestBaseline();
  const misaligned = { ...baseline, cells: baseline.cells.map((cell) => ({ ...cell, probeGflops: [1, 2] })) };
  assert.throws(
    () => parseBaselineText(JSON.stringify(misaligned), 'baselines/main.json'),
    failsWith(
      /^baselines\/main\.json: .*cells\.0\.probeGflops: expected 3 values \(one per process, like throughput\), got 2/,
    ),
  );
  const first = baseline.cells[0];
  assert.ok(first);
  const duplicated = { ...baseline, cells: [first, first] };
  assert.throws(
    () => parseBaselineText(JSON.stringify(duplicated), 'b.json'),
    failsWith(/duplicate cell batch 8/),
  );
});

test('migrateBaseline leaves a current document untouched and has no steps yet', () => {
  const document = JSON.parse(JSON.stringify(createTestBaseline()));
  assert.equal(migrateBaseline(document), document);
  assert.equal(BASELINE_MIGRATIONS.size, 0);
  assert.equal(migrateBaseline('not an object'), 'not an object');
});

test('migrateBaseline applies registered steps in order up to the target version', () => {
  // The mechanism a v2 will use, exercised with a two-step chain: no real v0 or v2 exists.
  const steps = new Map<number, BaselineMigration>([
    [1, (doc) => ({ ...doc, schemaVersion: 2, renamed: doc.old })],
    [2, (doc) => ({ ...doc, schemaVersion: 3, added: true })],
  ]);
  assert.deepEqual(migrateBaseline({ schemaVersion: 1, old: 'x' }, steps, 3), {
    schemaVersion: 3,
    old: 'x',
    renamed: 'x',
    added: true,
  });
  assert.deepEqual(migrateBaseline({ schemaVersion: 3 }, steps, 3), { schemaVersion: 3 });
  const stuck = new Map<number, BaselineMigration>([[1, (doc) => doc]]);
  assert.throws(() => migrateBaseline({ schemaVersion: 1 }, stuck, 2), /did not raise schemaVersion/);
});

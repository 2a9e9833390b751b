import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { compareProfiles } from '../../src/decide/compare/index.js';
import { createBaselineFromProfile } from '../../src/decide/baseline/from-profile.js';
import { EMPTY_PROVENANCE } from '../../src/decide/baseline/baseline-schema.js';
import { UsageError } from '../../src/ground/errors.js';
import { createChainedRatios } from '../../src/history/chained-ratios.js';
import {
  parseHistoryRecordFile,
  serializeHistoryRecord,
  createRecordFileName,
} from '../../src/history/record-file.js';
import { createHistoryRecord, roundValue } from '../../src/history/to-history-record.js';
import { historyRecordSchema } from '../../src/ground/schema/history-record-schema.js';
import { createRandom } from '../../src/ground/random/index.js';
import { loadFixtureProfile } from '../report/fixtures/report-fixtures.js';
import { buildTestProfile } from '../decide/compare/test-profile.js';
import { createCommitId, createNightCells } from './history-fixtures.js';

const META = {
  commit: createCommitId(7),
  parent: createCommitId(6),
  branch: 'main',
  date: '2026-11-24T03:00:00Z',
};

test('a record of the quick sweep round-trips through its file, keeps the skipped cell, and stays small', () => {
  const profile = loadFixtureProfile();
  const record = createHistoryRecord(profile, META);
  const text = serializeHistoryRecord(record);
  const name = createRecordFileName(record);
  assert.equal(name, `20261124T030000.000Z-${META.commit.slice(0, 12)}.json`);
  assert.deepEqual(parseHistoryRecordFile(text, name, name), record);
  assert.equal(record.date, '2026-11-24T03:00:00.000Z');
  const measured = profile.batchSweep.filter((cell) => cell.status === 'measured').length;
  assert.equal(record.cells.length, profile.batchSweep.length + profile.lengthSweep.length);
  assert.equal(
    record.cells.filter((cell) => cell.status === 'measured').length,
    measured + profile.lengthSweep.length,
  );
  const skipped = record.cells.find((cell) => cell.status === 'skipped');
  assert.ok(skipped?.status === 'skipped' && skipped.reason === 'memory-cap' && skipped.detail.length > 0);
  const bytes = Buffer.byteLength(text);
  const gzipped = gzipSync(text).length;
  console.log(`quick sweep record: ${record.cells.length} cells, ${bytes} bytes (${gzipped} gzipped)`);
  assert.ok(bytes < 6000, `a quick-sweep record should stay under 6 kB, is ${bytes} bytes`);
});

test('values are the per-process samples rounded to 4 significant digits', () => {
  const profile = loadFixtureProfile();
  const record = createHistoryRecord(profile, META);
  const source = profile.batchSweep.find((cell) => cell.batchSize === 32);
  const cell = record.cells.find((each) => each.key.sweep === 'batch' && each.key.batchSize === 32);
  assert.ok(source?.status === 'measured' && cell?.status === 'measured');
  assert.deepEqual(cell.throughput, source.throughput.samples.map(roundValue));
  for (const [index, value] of cell.throughput.entries()) {
    const exact = source.throughput.samples[index] ?? NaN;
    assert.ok(Math.abs(value / exact - 1) < 5e-4, `${value} vs ${exact}`);
  }
  assert.equal(cell.p95LatencyMs?.length, source.processes.length);
  assert.deepEqual(cell.peakMemoryMB, source.peakMemoryMB.samples.map(roundValue));
});

test('the machine id follows the machine and the model, not the software versions', () => {
  const cells = createNightCells({ random: createRandom(3) });
  const idOf = (environment: object, model: object = {}) =>
    createHistoryRecord(buildTestProfile(cells, { environment, model }), META).machine.id;
  const base = idOf({});
  assert.match(base, /^[0-9a-f]{12}$/);
  assert.equal(idOf({ onnxruntime: '1.31.0', node: '24.1.0' }, { sha256: 'other' }), base);
  assert.equal(idOf({ os: 'linux 6.8.0-1021-azure' }), idOf({ os: 'linux 6.11.0-1018-azure' }), 'kernel');
  assert.notEqual(idOf({ os: 'darwin 24.1.0' }), idOf({ os: 'linux 6.8.0-1021-azure' }));
  assert.equal(idOf({ isaFlags: ['avx512f', 'avx2', 'avx512_vnni'] }), base, 'flag order does not matter');
  assert.notEqual(idOf({ cpuModel: 'Intel Xeon 8375C' }), base);
  assert.notEqual(idOf({ threads: 4, logicalCores: 4 }), base);
  assert.notEqual(idOf({}, { spec: 'synthetic:bge-small' }), base);
});

test('a bad commit, parent or date is an input error naming it', () => {
  const profile = loadFixtureProfile();
  assert.throws(
    () => createHistoryRecord(profile, { ...META, commit: 'main' }),
    /--commit: expected a commit id/,
  );
  assert.throws(
    () => createHistoryRecord(profile, { ...META, parent: 'v1.2' }),
    /--parent: expected a commit id/,
  );
  assert.throws(() => createHistoryRecord(profile, { ...META, date: 'yesterday' }), UsageError);
  assert.equal(
    createHistoryRecord(profile, { ...META, commit: META.commit.toUpperCase() }).commit,
    META.commit,
  );
});

test('a chained duet keeps per cell the paired ratio head ÷ base with its interval', () => {
  const random = createRandom(11);
  const base = buildTestProfile(createNightCells({ random, level: 1000 }));
  const head = buildTestProfile(createNightCells({ random, level: 900 }));
  const baseline = createBaselineFromProfile(base, { name: 'base', provenance: EMPTY_PROVENANCE });
  const paired = compareProfiles(baseline, head, { design: 'paired' });
  const comparison = {
    ...paired,
    reference: { kind: 'base-ref' as const, ref: 'HEAD~1', commit: createCommitId(6) },
  };
  const chained = createChainedRatios(comparison, 'comparison.json');
  const record = createHistoryRecord(head, META, chained);
  assert.equal(record.chained?.baseCommit, createCommitId(6));
  assert.equal(record.chained?.cells.length, comparison.cells.length);
  for (const cell of comparison.cells) {
    const metric = cell.metrics.find((each) => each.metric === 'throughput');
    const ratio = record.chained?.cells.find(
      (each) => each.key.batchSize === cell.key.batchSize && each.key.sweep === cell.key.sweep,
    )?.throughput;
    assert.ok(metric?.estimate !== null && metric !== undefined && ratio !== null && ratio !== undefined);
    assert.ok(Math.abs(ratio.value - (1 + metric.estimate)) < 1e-4);
    const verdict: string = metric.verdict;
    const called = verdict === 'regression' || verdict === 'improvement';
    assert.ok(ratio.changeFound === called, 'the duet’s own verdict travels with the ratio');
    assert.ok(ratio.value < 0.95 && ratio.value > 0.85, `about 0.9, got ${ratio.value}`);
    assert.ok(
      ratio.lower !== null &&
        ratio.upper !== null &&
        ratio.lower <= ratio.value &&
        ratio.value <= ratio.upper,
    );
  }
  assert.throws(
    () => createChainedRatios(paired, 'baseline.json'),
    /baseline\.json: expected the comparison of a duet/,
  );
  assert.doesNotThrow(() => historyRecordSchema.parse(JSON.parse(serializeHistoryRecord(record))));
});

test('the schema refuses misaligned samples and duplicate cells', () => {
  const record = createHistoryRecord(loadFixtureProfile(), META);
  const [first] = record.cells;
  assert.ok(first?.status === 'measured');
  const misaligned = { ...record, cells: [{ ...first, peakMemoryMB: [1] }] };
  assert.match(JSON.stringify(historyRecordSchema.safeParse(misaligned).error?.issues), /one per process/);
  const duplicated = { ...record, cells: [first, first] };
  assert.match(
    JSON.stringify(historyRecordSchema.safeParse(duplicated).error?.issues),
    /duplicate cell batch 8/,
  );
});

test("a chained duet keeps the agreement of the commit's embeddings with the previous one's", () => {
  const random = createRandom(12);
  const base = buildTestProfile(createNightCells({ random, level: 1000 }));
  const head = buildTestProfile(createNightCells({ random, level: 1000 }));
  const baseline = createBaselineFromProfile(base, { name: 'base', provenance: EMPTY_PROVENANCE });
  const agreement = { texts: 64, meanCosine: 0.99712, minCosine: 0.99, p01Cosine: 0.991 };
  const comparison = {
    ...compareProfiles(baseline, head, { design: 'paired' }),
    reference: { kind: 'base-ref' as const, ref: 'HEAD~1', commit: createCommitId(6) },
    quality: { reference: 'base' as const, agreement, failure: null, maxDrop: null, drifted: false },
  };
  const record = createHistoryRecord(head, META, createChainedRatios(comparison, 'comparison.json'));
  assert.deepEqual(record.chained?.quality, agreement);
  const parsed = historyRecordSchema.parse(JSON.parse(JSON.stringify(record)));
  assert.deepEqual(parsed.chained?.quality, agreement, 'the record file keeps it');
  const older = { ...JSON.parse(JSON.stringify(record)), chained: { ...record.chained, quality: undefined } };
  assert.equal(historyRecordSchema.parse(older).chained?.quality, null, 'older records read as null');
});

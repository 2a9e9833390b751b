import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  exportGab,
  exportProfile,
  gabDocumentSchema,
  serializeExport,
  type ExportFormat,
} from '../../../src/report/export/index.js';
import { createCellKey, formatCellLabel } from '../../../src/ground/schema/cell-key.js';
import { computeMedian } from '../../../src/ground/stats/index.js';
import {
  buildProfileWithFailure,
  computeMedianProcessP95,
  listMeasured,
  loadFixtureProfile,
} from './export-fixtures.js';
import { readCustomBenchmarks, readRangeValue } from './gab-extractor.js';

const fixture = loadFixtureProfile();
const PREFIX = 'embedprof/synthetic:all-MiniLM-L6-v2';

function readWritten(format: ExportFormat, profile = fixture) {
  return readCustomBenchmarks(serializeExport(exportProfile(profile, format)));
}

test("both documents are what github-action-benchmark's custom tools read, with no coercion needed", () => {
  for (const format of ['gab-bigger', 'gab-smaller'] as const) {
    const read = readWritten(format);
    assert.equal(read.exact, true, `${format}: every field already has the type the action coerces to`);
    for (const entry of read.benchmarks) {
      assert.equal(typeof entry.name, 'string');
      assert.equal(typeof entry.unit, 'string');
      assert.ok(Number.isFinite(entry.value));
      assert.equal(typeof entry.range, 'string');
      assert.equal(typeof entry.extra, 'string');
    }
    assert.equal(
      new Set(read.benchmarks.map((b) => b.name)).size,
      read.benchmarks.length,
      'names are unique',
    );
  }
});

test('the restated extractor fails where the action fails, so the check above can fail', () => {
  assert.throws(() => readCustomBenchmarks('[]'), /No benchmark result/);
  assert.throws(() => readCustomBenchmarks('{"name": "a", "unit": "ms", "value": 1}'));
  assert.throws(() => readCustomBenchmarks('[{"name": "a", "value": 1}]'));
  assert.throws(() => readCustomBenchmarks('[{"name": "a", "unit": "ms", "value": "fast"}]'));
  assert.equal(readCustomBenchmarks('[{"name": "a", "unit": "ms", "value": "1"}]').exact, false);
  assert.equal(gabDocumentSchema.safeParse([]).success, false);
  const twice = { name: 'a', unit: 'ms', value: 1 };
  assert.equal(gabDocumentSchema.safeParse([twice, twice]).success, false);
});

test('bigger-is-better holds throughput only; smaller-is-better p95 latency, peak memory, RSS after load', () => {
  const cells = listMeasured(fixture);
  const labels = cells.map((cell) => `${PREFIX}/${formatCellLabel(createCellKey(cell))}`);
  const bigger = exportGab(fixture, 'customBiggerIsBetter');
  assert.deepEqual(
    bigger.map((entry) => [entry.name, entry.unit]),
    labels.map((label) => [`${label} (throughput)`, 'texts/s']),
  );
  assert.deepEqual(
    bigger.map((entry) => entry.value),
    cells.map((cell) => cell.throughput.median),
  );
  const smaller = exportGab(fixture, 'customSmallerIsBetter');
  assert.deepEqual(
    smaller.map((entry) => [entry.name, entry.unit]),
    labels.flatMap((label) => [
      [`${label} (p95 batch latency)`, 'ms'],
      [`${label} (peak memory)`, 'MB'],
      [`${label} (RSS after load)`, 'MB'],
    ]),
  );
  assert.deepEqual(
    smaller.map((entry) => entry.value),
    cells.flatMap((cell) => [
      computeMedianProcessP95(cell),
      cell.peakMemoryMB.median,
      computeMedian(cell.processes.map((process) => process.memory.afterLoadMB)),
    ]),
  );
});

test('range is "± h" the action parses, h the larger distance to an end of the 95 % interval', () => {
  const cells = listMeasured(fixture);
  const bigger = readWritten('gab-bigger').benchmarks;
  cells.forEach((cell, index) => {
    const entry = bigger[index];
    const ci = cell.throughput.ci95;
    assert.ok(entry !== undefined && ci.kind === 'determined');
    const expected = Math.max(ci.high - cell.throughput.median, cell.throughput.median - ci.low);
    const parsed = readRangeValue(entry.range);
    assert.ok(parsed !== undefined, `${entry.range} is read as a number`);
    assert.ok(Math.abs(parsed - expected) <= expected * 1e-3, `${parsed} vs ${expected}`);
    assert.match(entry.extra ?? '', /^95 % interval [\d.]+–[\d.]+ texts\/s\n3 worker processes$/);
  });
});

test('no interval, no range; failed and skipped cells are named in the notes, not the numbers', () => {
  const profile = buildProfileWithFailure(1);
  const exported = exportProfile(profile, 'gab-smaller');
  assert.deepEqual(
    exported.document.map((entry) => entry.name),
    ['batch 8', 'batch 32'].flatMap((label) => [
      `${PREFIX}/${label} (p95 batch latency)`,
      `${PREFIX}/${label} (peak memory)`,
      `${PREFIX}/${label} (RSS after load)`,
    ]),
  );
  for (const entry of exported.document) {
    assert.equal(entry.range, undefined);
    assert.match(entry.extra ?? '', /^95 % interval undetermined \(.+\)\n1 worker process$/);
  }
  assert.deepEqual(exported.notes, [`${PREFIX}/batch 64: not exported, failed: worker exited with code 134`]);
  assert.equal(exported.benchmarks, 2);
  assert.deepEqual(exportProfile(fixture, 'gab-bigger').notes.length, 1);
  assert.match(
    exportProfile(fixture, 'gab-bigger').notes[0] ?? '',
    /\/batch 512: not exported, skipped \(memory-cap\)/,
  );
});

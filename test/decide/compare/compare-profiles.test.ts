import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { readLegacySeed } from '../../../src/decide/baseline/legacy-seed.js';
import type { Comparison, CompareOptions, MetricComparison } from '../../../src/decide/compare/index.js';
import { compareProfiles, comparisonSchema } from '../../../src/decide/compare/index.js';
import { UsageError } from '../../../src/ground/errors.js';
import type { Environment } from '../../../src/ground/schema/profile-sections-schema.js';
import { requireSharedPath } from '../../helpers/shared-data.js';
import { assertClose } from '../../ground/stats/assert-close.js';
import type { TestCell } from './test-profile.js';
import { buildTestProfile, createTestProcess } from './test-profile.js';

interface SideValues {
  throughput: number[];
  peaks?: number[];
  probes?: number[];
}

function createCells(values: Record<number, SideValues>): TestCell[] {
  return Object.entries(values).map(([batch, side]) => ({
    key: { sweep: 'batch', batchSize: Number(batch) },
    processes: side.throughput.map((tps, i) =>
      createTestProcess(tps, Number(batch), side.peaks?.[i] ?? 200, side.probes?.[i] ?? 690),
    ),
  }));
}

const BASE = { throughput: [1000, 1010, 990], peaks: [200, 201, 200.5] };
const baselineOf = (cells: TestCell[], environment: Partial<Environment> = {}) =>
  createBaselineFromProfile(buildTestProfile(cells, { environment }), {
    name: 'main',
    provenance: EMPTY_PROVENANCE,
  });

function compare(
  baseline: Record<number, SideValues>,
  current: Record<number, SideValues>,
  options: CompareOptions = {},
  environment: Partial<Environment> = {},
): Comparison {
  const comparison = compareProfiles(
    baselineOf(createCells(baseline)),
    buildTestProfile(createCells(current), { environment }),
    options,
  );
  assert.doesNotThrow(
    () => comparisonSchema.parse(JSON.parse(JSON.stringify(comparison))),
    'valid comparison.json',
  );
  return comparison;
}

function findMetric(
  comparison: Comparison,
  label: string,
  metric: MetricComparison['metric'],
): MetricComparison {
  const found = comparison.cells
    .find((cell) => cell.label === label)
    ?.metrics.find((item) => item.metric === metric);
  assert.ok(found, `${label} ${metric} missing`);
  return found;
}

const scaled = (factor: number) => ({
  throughput: BASE.throughput.map((v) => v * factor),
  peaks: BASE.peaks,
});

test('a uniform 10 % drop: every cell a regression, the aggregate too, the gate fails', () => {
  const comparison = compare({ 8: BASE, 32: BASE }, { 8: scaled(0.9), 32: scaled(0.9) });
  const cell = findMetric(comparison, 'batch 8', 'throughput');
  assertClose(cell.estimate ?? NaN, -0.1, 1e-12);
  assertClose(cell.bestProcessChange, -0.1, 1e-12);
  assert.equal(cell.verdict, 'regression');
  assert.equal(cell.basis, 'raw');
  assert.deepEqual([cell.baseline.median, cell.current.median], [1000, 900]);
  const aggregate = comparison.aggregates.find((item) => item.metric === 'throughput');
  assert.equal(aggregate?.verdict, 'regression');
  assert.equal(aggregate?.cells, 2);
  assert.equal(comparison.overall.verdict, 'regression');
  assert.equal(comparison.overall.gate, 'fail');
  assert.deepEqual(comparison.overall.failingMetrics, ['throughput']);
  assert.equal(comparison.overall.worstChange?.metric, 'throughput');
  assert.ok(
    comparison.overall.reasons.some((line) => line.startsWith('throughput at batch 8: regression — −10.0 %')),
  );
  assert.equal(findMetric(comparison, 'batch 8', 'peakMemoryMB').verdict, 'no-change');
});

test('no change: no-change everywhere and the gate passes', () => {
  const comparison = compare(
    { 8: BASE, 32: BASE },
    { 8: { throughput: [1005, 995, 1001], peaks: BASE.peaks }, 32: BASE },
  );
  assert.equal(comparison.overall.verdict, 'no-change');
  assert.equal(comparison.overall.gate, 'pass');
  assert.deepEqual(comparison.overall.failingMetrics, []);
});

test('memory: 10 % growth fails; two bloated processes out of three do not', () => {
  const grown = compare({ 8: BASE }, { 8: { throughput: BASE.throughput, peaks: [220, 221.1, 220.55] } });
  assert.equal(findMetric(grown, 'batch 8', 'peakMemoryMB').verdict, 'regression');
  assert.deepEqual(grown.overall.failingMetrics, ['peakMemoryMB']);
  const bloated = compare({ 8: BASE }, { 8: { throughput: BASE.throughput, peaks: [200.2, 240, 238] } });
  const memory = findMetric(bloated, 'batch 8', 'peakMemoryMB');
  assertClose(memory.bestProcessChange, 0.001, 1e-12);
  assert.notEqual(memory.verdict, 'regression', 'the minimum peak did not move');
  assert.equal(bloated.overall.gate, 'pass');
});

test('an outlier process is excluded by the MAD rule and named in the notes', () => {
  const comparison = compare({ 8: { ...BASE, throughput: [1000, 1010, 990, 1005, 700] } }, { 8: BASE });
  const cell = findMetric(comparison, 'batch 8', 'throughput');
  assert.deepEqual(cell.baseline.excludedOutliers, [4]);
  assert.equal(cell.baseline.used, 4);
  assert.ok(comparison.overall.notes.some((note) => note.includes('batch 8 throughput: baseline #4')));
});

test('per-metric overrides and thresholds; invalid options are UsageErrors naming the option', () => {
  const comparison = compare({ 8: BASE }, { 8: scaled(0.92) }, { maxThroughputDrop: 0.3 });
  assert.equal(findMetric(comparison, 'batch 8', 'throughput').horizon, 0.15);
  assert.equal(findMetric(comparison, 'batch 8', 'throughput').verdict, 'no-change', '−8 % is inside ±15 %');
  const strict = compare(
    { 8: BASE },
    { 8: scaled(0.92) },
    { maxThroughputDrop: 0.3, metrics: { throughput: { threshold: 0.1 } } },
  );
  assert.equal(findMetric(strict, 'batch 8', 'throughput').verdict, 'regression');
  const latency = compare(
    { 8: BASE },
    { 8: scaled(0.8) },
    { metrics: { throughput: { gated: false }, p95LatencyMs: { gated: true } } },
  );
  assert.deepEqual(latency.overall.failingMetrics, ['p95LatencyMs']);
  assert.throws(
    () => compare({ 8: BASE }, { 8: BASE }, { maxThroughputDrop: 1.5 }),
    (error: unknown) =>
      error instanceof UsageError && /^comparison option maxThroughputDrop: expected/.test(error.message),
  );
});

test('a speed regime in the current run: compared on the processes of the shared regime', () => {
  const current = {
    throughput: [1000, 750, 1008, 760],
    peaks: [200, 200, 200, 200],
    probes: [690, 470, 692, 468],
  };
  const comparison = compare({ 8: BASE }, { 8: current });
  const cell = findMetric(comparison, 'batch 8', 'throughput');
  assert.deepEqual(cell.current.excludedByRegime, [1, 3]);
  assert.equal(cell.verdict, 'no-change');
  assert.equal(comparison.speedRegimes?.length, 2);
  assert.ok(
    comparison.overall.notes.some((note) =>
      note.startsWith('speed regimes: 2 found by the calibration probe'),
    ),
  );
});

test('sides in different regimes: normalized throughput with its residual, inconclusive rather than false', () => {
  const slow = {
    throughput: BASE.throughput.map((v) => v / 1.33),
    peaks: BASE.peaks,
    probes: [469, 470, 471],
  };
  const comparison = compare({ 8: BASE, 32: BASE }, { 8: slow, 32: slow });
  const cell = findMetric(comparison, 'batch 8', 'throughput');
  assert.equal(cell.basis, 'calibration-normalized');
  assert.equal(cell.unit, 'texts/s per probe GFLOP/s');
  assert.equal(cell.verdict, 'inconclusive');
  assert.equal(comparison.overall.gate, 'pass');
  const strict = compare({ 8: BASE, 32: BASE }, { 8: slow, 32: slow }, { onInconclusive: 'fail' });
  assert.deepEqual([strict.overall.verdict, strict.overall.gate], ['inconclusive', 'fail']);
  assert.ok(
    comparison.overall.notes.some((note) => /2 cell\(s\) share no regime: calibration-normalized/.test(note)),
  );
});

test('another machine: normalize (default), warn, fail or skip', () => {
  const otherMachine = { cpuModel: 'Intel Xeon Platinum 8370C' };
  const normalized = compare({ 8: BASE }, { 8: scaled(0.6) }, {}, otherMachine);
  assert.equal(normalized.machine.kind, 'different');
  assert.equal(findMetric(normalized, 'batch 8', 'throughput').basis, 'calibration-normalized');
  assert.equal(normalized.overall.gate, 'fail', 'a 40 % drop is visible across machines');
  assert.ok(
    normalized.overall.notes[0]?.startsWith(
      'machine mismatch (cpuModel: baseline "AMD EPYC 7B13", current "Intel Xeon Platinum 8370C"): calibration-normalized throughput compared',
    ),
  );
  const warned = compare({ 8: BASE }, { 8: scaled(0.6) }, { onMachineMismatch: 'warn' }, otherMachine);
  assert.equal(findMetric(warned, 'batch 8', 'throughput').basis, 'raw');
  assert.deepEqual(
    [warned.overall.verdict, warned.overall.gate, warned.overall.indicativeOnly],
    ['regression', 'pass', true],
  );
  const failed = compare({ 8: BASE }, { 8: BASE }, { onMachineMismatch: 'fail' }, otherMachine);
  assert.equal(failed.overall.gate, 'fail');
  assert.match(
    failed.overall.reasons[0] ?? '',
    /^machine mismatch \(cpuModel: .*\) with onMachineMismatch 'fail'$/,
  );
  const skipped = compare({ 8: BASE }, { 8: BASE }, { onMachineMismatch: 'skip' }, otherMachine);
  assert.deepEqual(
    [skipped.overall.verdict, skipped.overall.gate, skipped.cells.length],
    ['inconclusive', 'skipped', 0],
  );
});

test('software differences are noted, not treated as another machine', () => {
  const comparison = compare({ 8: BASE }, { 8: BASE }, {}, { onnxruntime: '1.31.0' });
  assert.equal(comparison.machine.kind, 'same');
  assert.ok(
    comparison.overall.notes.some((note) =>
      note.includes('onnxruntime: baseline "1.30.0", current "1.31.0"'),
    ),
  );
});

test('cells measured on one side only are listed, not compared', () => {
  const comparison = compare({ 8: BASE, 256: BASE }, { 8: BASE, 16: BASE });
  assert.deepEqual(
    comparison.unmatchedCells.map((cell) => [cell.label, cell.onlyIn]),
    [
      ['batch 256', 'baseline'],
      ['batch 16', 'current'],
    ],
  );
  assert.ok(
    comparison.overall.notes.some(
      (note) => note === 'cells only in the baseline (not measured now): batch 256',
    ),
  );
});

test('a legacy baseline: indicative only, never fails the gate, says why', () => {
  const seed = JSON.parse(
    readFileSync(requireSharedPath('seed-data/batch_size_profile_2025-10-31.json'), 'utf8'),
  );
  const legacy = readLegacySeed(seed, 'batch_size_profile_2025-10-31.json');
  const cells = createCells({ 8: scaled(0.3), 16: scaled(0.3), 32: scaled(0.3) });
  const comparison = compareProfiles(legacy, buildTestProfile(cells));
  assert.equal(comparison.machine.kind, 'unknown');
  assert.equal(comparison.baseline.origin, 'legacy');
  const cell = findMetric(comparison, 'batch 8', 'throughput');
  assert.equal(cell.basis, 'raw');
  assert.equal(cell.baseline.processes, 1);
  assert.equal(cell.interval.kind, 'determined', 'one legacy value borrows the current spread');
  assert.equal(comparison.overall.indicativeOnly, true);
  assert.equal(comparison.overall.gate, 'pass');
  assert.ok(
    comparison.overall.notes.some((note) =>
      note.startsWith(
        'legacy baseline (batch_size_profile_2025-10-31.json): machine unknown: indicative only, never fails the gate',
      ),
    ),
  );
  assert.ok(comparison.overall.notes.some((note) => note.startsWith('legacy adjustment: ')));
  assert.ok(comparisonSchema.safeParse(JSON.parse(JSON.stringify(comparison))).success);
});

test('disturbed processes in every cell do not add up to an aggregate regression the best processes deny', () => {
  // two of three current processes ran 30 % slow in each cell (a noisy neighbour); the best one did not move
  const disturbed = { throughput: [1000, 700, 705], peaks: [200, 200, 200] };
  const cells = { 8: BASE, 16: BASE, 32: BASE, 64: BASE };
  const comparison = compare(cells, { 8: disturbed, 16: disturbed, 32: disturbed, 64: disturbed });
  const aggregate = comparison.aggregates.find((item) => item.metric === 'throughput');
  assert.notEqual(aggregate?.verdict, 'regression', aggregate?.reason);
  assert.notEqual(comparison.overall.gate, 'fail');
});

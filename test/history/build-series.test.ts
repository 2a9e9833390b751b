import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHistorySeries, estimatePoint } from '../../src/history/build-series.js';
import { createRandom } from '../../src/ground/random/index.js';
import { cellId } from '../../src/ground/schema/cell-key.js';
import type { HistoryRecord } from '../../src/ground/schema/history-record-schema.js';
import { computeGeometricMeanInterval, computeMedian } from '../../src/ground/stats/index.js';
import { createCommitId, createNightRecord, TEST_CELLS } from './history-fixtures.js';

function createNights(count: number, seed: number): HistoryRecord[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, n) =>
    createNightRecord(n, {
      random,
      level: n < 6 ? 1000 : 900,
      environment: n >= 8 ? { cpuModel: 'Intel Xeon 8375C' } : {},
    }),
  );
}

test('one series per cell × metric, in sweep order, each point a night in time order', () => {
  const records = createNights(10, 7);
  const shuffled = [...records].reverse();
  const series = buildHistorySeries(shuffled);
  assert.deepEqual(
    series.map((each) => `${each.cellId}/${each.metric}`),
    [...TEST_CELLS.map(cellId), 'all-cells'].flatMap((id) =>
      // RSS after load from every process's memory readings; no cold start in these older-style records
      ['throughput', 'p95LatencyMs', 'peakMemoryMB', 'loadRssMB'].map((m) => `${id}/${m}`),
    ),
  );
  for (const each of series) {
    assert.deepEqual(
      each.points.map((point) => point.commit),
      records.map((record) => record.commit),
    );
    assert.deepEqual(each.changePoints, []);
  }
  const throughput = series.find((each) => each.metric === 'throughput');
  assert.equal(throughput?.unit, 'texts/s');
  assert.equal(throughput?.betterWhen, 'higher');
  assert.equal(series.find((each) => each.metric === 'peakMemoryMB')?.betterWhen, 'lower');
  assert.equal(throughput?.label, 'batch 8');
});

test('a point is the median of the per-process values with the interval of their geometric mean', () => {
  const records = createNights(10, 8);
  const series = buildHistorySeries(records).find(
    (each) => each.cellId === 'batch:32' && each.metric === 'throughput',
  );
  assert.ok(series !== undefined);
  for (const [index, point] of series.points.entries()) {
    const cell = records[index]?.cells.find((each) => cellId(each.key) === 'batch:32');
    assert.ok(cell?.status === 'measured');
    assert.deepEqual(point.samples, cell.throughput);
    assert.equal(point.value, computeMedian(cell.throughput));
    const interval = computeGeometricMeanInterval(cell.throughput);
    assert.ok(interval.kind === 'determined' && point.lower !== null && point.upper !== null);
    assert.ok(point.lower <= point.value && point.value <= point.upper);
    assert.ok(point.lower <= interval.low + 1e-9 && point.upper >= interval.high - 1e-9);
  }
  const before = series.points.slice(0, 6).map((point) => point.value);
  const after = series.points.slice(6).map((point) => point.value);
  assert.ok(Math.max(...after) < Math.min(...before), 'the seeded 10 % step shows in the values');
});

test('the machine id marks the change of machine; parent, branch and date are carried', () => {
  const series = buildHistorySeries(createNights(10, 9))[0];
  assert.ok(series !== undefined);
  const machines = series.points.map((point) => point.machine);
  assert.equal(new Set(machines.slice(0, 8)).size, 1);
  assert.equal(new Set(machines.slice(8)).size, 1);
  assert.notEqual(machines[0], machines[9]);
  assert.equal(series.points[3]?.parent, createCommitId(2));
  assert.equal(series.points[3]?.branch, 'main');
  assert.equal(series.points[3]?.date, '2026-11-04T02:30:00.000Z');
});

test('skipped and failed cells, and metrics a run could not measure, leave no point', () => {
  const records = createNights(4, 10).map((record, index) => {
    if (index !== 1) return record;
    const cells = record.cells.map((cell) => {
      if (cellId(cell.key) === 'batch:8')
        return { key: cell.key, status: 'failed' as const, error: 'worker crashed' };
      if (cell.status === 'measured' && cellId(cell.key) === 'batch:32')
        return { ...cell, peakMemoryMB: null };
      return cell;
    });
    return { ...record, cells };
  });
  const series = buildHistorySeries(records);
  const count = (id: string, metric: string) =>
    series.find((each) => each.cellId === id && each.metric === metric)?.points.length;
  assert.equal(count('batch:8', 'throughput'), 3);
  assert.equal(count('batch:32', 'peakMemoryMB'), 3);
  assert.equal(count('batch:32', 'throughput'), 4);
  const onlyFailed = records.map((record) => ({
    ...record,
    cells: record.cells.map((cell) => ({ key: cell.key, status: 'failed' as const, error: 'x' })),
  }));
  assert.deepEqual(buildHistorySeries(onlyFailed), []);
});

test('a chained duet’s ratio reaches the point of its cell and metric', () => {
  const records = createNights(3, 11);
  const last = records[2];
  assert.ok(last !== undefined);
  const ratio = { value: 0.97, lower: 0.95, upper: 0.99 };
  records[2] = {
    ...last,
    chained: {
      baseCommit: createCommitId(1),
      cells: [
        { key: { sweep: 'batch', batchSize: 32 }, throughput: ratio, p95LatencyMs: null, peakMemoryMB: null },
      ],
      quality: null,
    },
  };
  const series = buildHistorySeries(records);
  const find = (id: string, metric: string) =>
    series.find((each) => each.cellId === id && each.metric === metric);
  assert.deepEqual(
    find('batch:32', 'throughput')?.points.map((point) => point.chainedRatio),
    [null, null, ratio],
  );
  assert.equal(find('batch:32', 'p95LatencyMs')?.points[2]?.chainedRatio, null);
  assert.equal(find('batch:8', 'throughput')?.points[2]?.chainedRatio, null);
});

test('one process gives a point without an interval', () => {
  assert.deepEqual(estimatePoint([812]), { value: 812, lower: null, upper: null });
  const spread = estimatePoint([100, 101, 140]);
  assert.equal(spread.value, 101);
  assert.ok(spread.lower !== null && spread.upper !== null && spread.lower < 101 && spread.upper > 101);
});

test('the all-cells series: per night the geometric mean of the cells, its interval combined as the aggregate', () => {
  const records = createNights(10, 9);
  const series = buildHistorySeries(records);
  const cells = series.filter((each) => each.cell !== null && each.metric === 'throughput');
  const all = series.find((each) => each.cellId === 'all-cells' && each.metric === 'throughput');
  assert.ok(all !== undefined && cells.length >= 2);
  assert.equal(all.label, 'all cells');
  for (const [index, point] of all.points.entries()) {
    const values = cells.map((each) => each.points[index]?.value ?? Number.NaN);
    const geometric = Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
    assert.ok(Math.abs(point.value / geometric - 1) < 1e-12);
    const widths = cells.map((each) => {
      const cell = each.points[index];
      return cell?.lower == null || cell.upper == null ? Number.NaN : Math.log(cell.upper / cell.lower);
    });
    const combined = Math.sqrt(widths.reduce((sum, width) => sum + width * width, 0)) / widths.length;
    assert.ok(point.lower !== null && point.upper !== null);
    assert.ok(
      Math.abs(Math.log(point.upper / point.lower) - combined) < 1e-9,
      'Σ SEᵢ² / K² on the log scale',
    );
  }
});

test('a night that did not measure every cell leaves no all-cells point', () => {
  const records = createNights(10, 10);
  const [first, ...rest] = records;
  assert.ok(first !== undefined);
  const partial = { ...first, cells: first.cells.slice(1) };
  const all = buildHistorySeries([partial, ...rest]).find(
    (each) => each.cellId === 'all-cells' && each.metric === 'throughput',
  );
  assert.equal(all?.points.length, records.length - 1);
});

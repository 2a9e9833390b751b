/**
 * `history check` on 20 real nights made on this machine (test/fixtures/history/aa-20, built by
 * scripts/make-real-history.ts from duet gates of one commit beside itself: real ORT work, real contention).
 * A 10 % throughput step is injected after the 12th night: the recorded values 10 % lower from the 13th on, and
 * the 13th night's chained ratio 10 % lower. The step is found at the 13th record — in the all-cells series and
 * in the cells whose nights spread ≤ 2 % — and no change point anywhere else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHistorySeries } from '../../src/history/build-series.js';
import { decideHistoryCheck } from '../../src/history/check-history.js';
import { readHistoryStore } from '../../src/history/history-store.js';
import { findSeriesChangePoints } from '../../src/history/series-change-points.js';
import type { HistoryRecord } from '../../src/ground/schema/history-record-schema.js';

const STORE = 'test/fixtures/history/aa-20';
const STEP_AT = 12;
const STEP = 0.9;

type Estimate = NonNullable<NonNullable<HistoryRecord['chained']>['cells'][number]['throughput']>;

function scaleEstimate(estimate: Estimate | null): Estimate | null {
  if (estimate === null) return null;
  const scale = (value: number | null) => (value === null ? null : value * STEP);
  return { value: estimate.value * STEP, lower: scale(estimate.lower), upper: scale(estimate.upper) };
}

function injectStep(records: readonly HistoryRecord[]): HistoryRecord[] {
  return records.map((record, index) => ({
    ...record,
    cells: record.cells.map((cell) =>
      cell.status !== 'measured' || index < STEP_AT
        ? cell
        : { ...cell, throughput: cell.throughput.map((value) => value * STEP) },
    ),
    chained:
      record.chained === null || index !== STEP_AT
        ? record.chained
        : {
            ...record.chained,
            cells: record.chained.cells.map((cell) => ({
              ...cell,
              throughput: scaleEstimate(cell.throughput),
            })),
          },
  }));
}

/** Every series' change-point indices (level and chained together), and its level shifts. */
function listChangePoints(records: readonly HistoryRecord[]) {
  return buildHistorySeries(records).map((series) => {
    const report = findSeriesChangePoints(series, { seed: 1 });
    const indices = [...new Set([...report.level, ...report.chained].map((change) => change.index))];
    const shifts = report.levelShifts.map((change) => change.index);
    return { name: `${series.label} ${series.metric}`, metric: series.metric, indices, shifts };
  });
}

test('20 real A/A nights from this machine: no change point in any series, the check passes', async () => {
  const records = await readHistoryStore(STORE);
  assert.equal(records.length, 20);
  const found = listChangePoints(records).filter((series) => series.indices.length > 0);
  assert.deepEqual(found, []);
  // the machine's speed moved during the 90 minutes: the level signal splits series the chained duet explains
  const shifted = listChangePoints(records).filter((series) => series.shifts.length > 0);
  assert.ok(shifted.length > 0, 'real level shifts, each with every chained ratio ≈ 1');
  const verdict = decideHistoryCheck(buildHistorySeries(records), {
    gatedMetrics: ['throughput', 'peakMemoryMB'],
    detection: { seed: 1 },
  });
  assert.equal(verdict.kind, 'pass');
});

test('a 10 % step after the 12th real night: one change point, at the 13th record, and none elsewhere', async () => {
  const stepped = injectStep(await readHistoryStore(STORE));
  const found = listChangePoints(stepped).filter((series) => series.indices.length > 0);
  assert.ok(
    found.every((series) => series.metric === 'throughput'),
    'nothing in latency or memory',
  );
  assert.ok(
    found.every((series) => series.indices.length === 1 && series.indices[0] === STEP_AT),
    JSON.stringify(found),
  );
  const names = found.map((series) => series.name);
  assert.ok(names.includes('all cells throughput'), 'the all-cells series resolves it');
  // the cells whose nights spread ≤ 2 % resolve it on their own; 256 chars (3.1 %) and batch 32 (2.1 %) need not
  for (const name of ['batch 8 throughput', '10 chars @ batch 32 throughput'])
    assert.ok(names.includes(name), `${name}: ${JSON.stringify(names)}`);
  // the nightly fails on the night the step lands, within 3 nights
  const nights = [13, 14, 15].map((count) =>
    decideHistoryCheck(buildHistorySeries(stepped.slice(0, count)), {
      gatedMetrics: ['throughput'],
      detection: { seed: 1 },
    }),
  );
  assert.deepEqual(
    nights.map((verdict) => verdict.kind),
    ['fail', 'fail', 'fail'],
  );
});

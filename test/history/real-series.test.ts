/**
 * `history check` on 20 real nights made on this machine (test/fixtures/history/aa-20, built by
 * scripts/make-real-history.ts from duet gates of one commit beside itself: real ORT work, real speed regimes):
 * nothing is found in the A/A store, and a 10 % throughput step injected after the 12th night — the recorded
 * values 10 % lower from the 13th on, and the 13th night's chained ratio 10 % lower — is one change point between
 * the 12th and the 15th record in every throughput series, with none anywhere else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHistorySeries } from '../../src/history/build-series.js';
import { decideHistoryCheck } from '../../src/history/check-history.js';
import { readHistoryStore } from '../../src/history/history-store.js';
import { findSeriesChangePoints } from '../../src/history/series-change-points.js';
import type { HistoryRecord } from '../../src/schema/history-record-schema.js';

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

function listChangePoints(records: readonly HistoryRecord[]) {
  return buildHistorySeries(records).map((series) => {
    const report = findSeriesChangePoints(series, { seed: 1 });
    const indices = [...new Set([...report.level, ...report.chained].map((change) => change.index))];
    return { name: `${series.label} ${series.metric}`, metric: series.metric, indices };
  });
}

test('20 real A/A nights from this machine: no change point in any series', async () => {
  const records = await readHistoryStore(STORE);
  assert.equal(records.length, 20);
  const found = listChangePoints(records).filter((series) => series.indices.length > 0);
  assert.deepEqual(found, []);
  const verdict = decideHistoryCheck(buildHistorySeries(records), {
    gatedMetrics: ['throughput', 'peakMemoryMB'],
    detection: { seed: 1 },
  });
  assert.equal(verdict.kind, 'pass');
});

test('a 10 % step after the 12th real night: one change point between the 12th and 15th record, none elsewhere', async () => {
  const stepped = injectStep(await readHistoryStore(STORE));
  for (const series of listChangePoints(stepped)) {
    if (series.metric !== 'throughput') {
      assert.deepEqual(series.indices, [], series.name);
      continue;
    }
    assert.equal(series.indices.length, 1, `${series.name}: ${series.indices.join(', ')}`);
    const [index] = series.indices;
    assert.ok(index !== undefined && index >= STEP_AT && index <= STEP_AT + 2, `${series.name}: at ${index}`);
  }
  // the nightly fails on the night the step lands, within 3 nights
  const nights = [13, 14, 15].map((count) =>
    decideHistoryCheck(buildHistorySeries(stepped.slice(0, count)), {
      gatedMetrics: ['throughput'],
      detection: { seed: 1 },
    }),
  );
  assert.ok(
    nights.some((verdict) => verdict.kind === 'fail'),
    nights.map((v) => v.kind).join(', '),
  );
});

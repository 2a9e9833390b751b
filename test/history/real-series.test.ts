/**
 * `history check` on 20 real nights made on this machine (test/fixtures/history/aa-20, built by
 * scripts/make-real-history.ts from duet gates of one commit beside itself: real ORT work, real contention).
 * A 10 % throughput step is injected after the 12th night: the recorded values 10 % lower from the 13th on, and
 * the 13th night's chained ratio 10 % lower. What the real noise allows is pinned exactly: the cells whose duet
 * resolves 10 % find the step at the 13th record and nothing else; the 64-char cell, whose 5-pair interval is
 * ±10 %, does not.
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

/** Every series' change-point indices (level and chained together). */
function listChangePoints(records: readonly HistoryRecord[]) {
  return buildHistorySeries(records).map((series) => {
    const report = findSeriesChangePoints(series, { seed: 1 });
    const indices = [...new Set([...report.level, ...report.chained].map((change) => change.index))];
    return { name: `${series.label} ${series.metric}`, metric: series.metric, indices };
  });
}

/** The one change point the A/A store holds: night 5's p95 latency at batch 32 (see the fixture's README). */
const DISTURBED_NIGHT = { name: 'batch 32 p95LatencyMs', indices: [4] };

test('20 real A/A nights from this machine: no change point in a gated series, the check passes', async () => {
  const records = await readHistoryStore(STORE);
  assert.equal(records.length, 20);
  const found = listChangePoints(records).filter((series) => series.indices.length > 0);
  assert.deepEqual(
    found.map(({ name, indices }) => ({ name, indices })),
    [DISTURBED_NIGHT],
  );
  const verdict = decideHistoryCheck(buildHistorySeries(records), {
    gatedMetrics: ['throughput', 'peakMemoryMB'],
    detection: { seed: 1 },
  });
  assert.equal(verdict.kind, 'pass');
});

test('a 10 % step after the 12th real night: found at the 13th record where the duet resolves 10 %', async () => {
  const stepped = injectStep(await readHistoryStore(STORE));
  const found = listChangePoints(stepped).filter((series) => series.indices.length > 0);
  assert.deepEqual(
    found.map(({ name, indices }) => ({ name, indices })),
    [
      { name: 'batch 8 throughput', indices: [STEP_AT] },
      { name: 'batch 32 throughput', indices: [STEP_AT] },
      DISTURBED_NIGHT,
    ],
    // 64 chars @ batch 32: its 5-pair duet interval is ±10 % and the nights spread 3.5 %, so a 10 % step in
    // one night is not resolved there (docs: validate-history, duet σ 3–4 %)
  );
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

/**
 * A level change across nights whose chained ratios all held 1 is the machine's speed, not the code: it is
 * reported as a level shift, not a change point; the same step with a chained ratio that excludes 1 stays one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSeriesChangePoints } from '../../src/history/check-history.js';
import { formatHistoryVerdict } from '../../src/report/terminal/format-history-check.js';
import { decideHistoryCheck } from '../../src/history/check-history.js';
import { buildSeries, repeat } from './build-series.js';

const LEVELS = [...repeat(1000, 10), ...repeat(800, 10)];

test('a 20 % level step the chained duet saw as ≈ 1 is a level shift, not a change point', () => {
  const series = buildSeries({ levels: LEVELS, chained: [null, ...repeat(1, 19)], chainedMargin: 0.02 });
  const report = findSeriesChangePoints(series, { seed: 1 });
  assert.deepEqual(report.level, []);
  assert.deepEqual(
    report.levelShifts.map((change) => change.index),
    [10],
  );
  const verdict = decideHistoryCheck([series], { gatedMetrics: ['throughput'], detection: { seed: 1 } });
  assert.match(formatHistoryVerdict(verdict).join('\n'), /level shifts the chained duet saw no change in/);
});

test('the same step with the night’s chained ratio excluding 1 stays a change point', () => {
  const chained = [null, ...repeat(1, 9), 0.8, ...repeat(1, 9)];
  const series = buildSeries({ levels: LEVELS, chained, chainedMargin: 0.02 });
  const report = findSeriesChangePoints(series, { seed: 1 });
  assert.deepEqual(report.levelShifts, []);
  assert.ok(report.level.some((change) => change.index === 10) || report.chained.some((c) => c.index === 10));
});

test('without chained ratios a level step stays a change point', () => {
  const report = findSeriesChangePoints(buildSeries({ levels: LEVELS }), { seed: 1 });
  assert.deepEqual(
    report.level.map((change) => change.index),
    [10],
  );
  assert.deepEqual(report.levelShifts, []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistorySeries } from '../../src/history/history-series.js';
import type { HistoryVerdict } from '../../src/history/check-history.js';
import { decideHistoryCheck, findSeriesChangePoints } from '../../src/history/check-history.js';
import { formatHistoryVerdict } from '../../src/report/terminal/format-history-check.js';
import { buildSeries, repeat } from './build-series.js';

const GATE_THROUGHPUT = { gatedMetrics: ['throughput'] as const, newestNights: 3, detection: { seed: 1 } };

function expectFail(verdict: HistoryVerdict): Extract<HistoryVerdict, { kind: 'fail' }> {
  assert.equal(verdict.kind, 'fail', JSON.stringify(verdict.judgements.map((j) => j.kind)));
  if (verdict.kind !== 'fail') throw new Error('unreachable');
  return verdict;
}

test('a step is found at its index with the commit range, magnitude and p-value', () => {
  const series = buildSeries({ levels: [...repeat(1000, 15), ...repeat(900, 10)], sigma: 0.01, seed: 4 });
  const report = findSeriesChangePoints(series, { seed: 1 });
  assert.deepEqual(
    report.series.changePoints.map((change) => [change.index, change.fromCommit, change.toCommit]),
    [[15, 'commit14', 'commit15']],
  );
  const [change] = report.level;
  assert.ok(change !== undefined && change.regression);
  assert.ok(Math.abs(change.magnitude.value + 0.1) < 0.01, JSON.stringify(change.magnitude));
  assert.ok(change.pValue <= 0.01);
  assert.deepEqual(findSeriesChangePoints(series, { seed: 1 }), report, 'deterministic for a seed');
});

test('regression follows betterWhen: throughput down, latency up; throughput up is not one', () => {
  const levels = (before: number, after: number) => [...repeat(before, 12), ...repeat(after, 12)];
  const regression = (series: HistorySeries) =>
    findSeriesChangePoints(series, { seed: 1 }).level.map((change) => change.regression);
  assert.deepEqual(regression(buildSeries({ levels: levels(1000, 800), sigma: 0.01 })), [true]);
  assert.deepEqual(regression(buildSeries({ levels: levels(1000, 1200), sigma: 0.01 })), [false]);
  const latency = buildSeries({ levels: levels(20, 25), sigma: 0.01, metric: 'p95LatencyMs' });
  assert.deepEqual(regression(latency), [true]);
  const memory = buildSeries({ levels: levels(200, 180), sigma: 0.01, metric: 'peakMemoryMB' });
  assert.deepEqual(regression(memory), [false]);
});

test('a change of machine splits the series: no change point across it, a machine change reported', () => {
  const levels = [...repeat(1000, 12), ...repeat(700, 12)];
  const machines = [...repeat(0, 12).map(() => 'old'), ...repeat(0, 12).map(() => 'new')];
  const split = findSeriesChangePoints(buildSeries({ levels, sigma: 0.01, machines }), { seed: 1 });
  assert.deepEqual(split.series.changePoints, []);
  assert.deepEqual(split.machineChanges, [
    { index: 12, fromMachine: 'old', toMachine: 'new', fromCommit: 'commit11', toCommit: 'commit12' },
  ]);
  const sameMachine = findSeriesChangePoints(buildSeries({ levels, sigma: 0.01 }), { seed: 1 });
  assert.deepEqual(
    sameMachine.level.map((change) => change.index),
    [12],
    'the same values on one machine do change',
  );
});

test('a one-night slow regime is left out as an outlier, not a change point', () => {
  const levels = repeat(1000, 20);
  levels[9] = 1000 / 1.4;
  const report = findSeriesChangePoints(buildSeries({ levels, sigma: 0.01 }), { seed: 1 });
  assert.deepEqual(report.outliers, [9]);
  assert.deepEqual(report.series.changePoints, []);
});

test('20 records with a 10 % step after the 12th: one change point between the 12th and 15th record', () => {
  // Runs made one after another scatter by 0.7–1.1 % inside a regime (shared/notes); 2 % leaves room, and
  // one run in the slow regime (1.4×) is mixed in.
  for (let seed = 1; seed <= 10; seed++) {
    const levels = [...repeat(1000, 12), ...repeat(900, 8)];
    levels[5] = 1000 / 1.4;
    const series = buildSeries({ levels, sigma: 0.02, seed });
    const verdict = decideHistoryCheck([series], { ...GATE_THROUGHPUT, detection: { seed } });
    const changes = verdict.reports[0]?.series.changePoints ?? [];
    assert.equal(changes.length, 1, `seed ${seed}: ${JSON.stringify(changes)}`);
    const index = changes[0]?.index ?? -1;
    assert.ok(index >= 11 && index <= 14, `seed ${seed}: change point at record ${index + 1}`);
    assert.equal(verdict.kind, 'pass', 'the step is 8 nights old: not new');
  }
});

test('the nightly fails on a new regression in a gated metric, naming cell, metric, commits and magnitude', () => {
  const series = buildSeries({ levels: [...repeat(1000, 20), ...repeat(850, 3)], sigma: 0.01, seed: 2 });
  const verdict = expectFail(decideHistoryCheck([series], GATE_THROUGHPUT));
  assert.equal(verdict.regressions.length, 1);
  const [regression] = verdict.regressions;
  assert.ok(regression !== undefined);
  assert.deepEqual(
    [regression.cellId, regression.label, regression.metric, regression.signal],
    ['batch:32', 'batch 32', 'throughput', 'level'],
  );
  assert.deepEqual(
    [regression.changePoint.fromCommit, regression.changePoint.toCommit],
    ['commit19', 'commit20'],
  );
  assert.ok(Math.abs(regression.changePoint.magnitude.value + 0.15) < 0.02);
  const ungated = decideHistoryCheck([series], { ...GATE_THROUGHPUT, gatedMetrics: ['peakMemoryMB'] });
  assert.equal(ungated.kind, 'insufficient', 'no series of a gated metric');
});

test('old change points and improvements pass', () => {
  const old = buildSeries({ levels: [...repeat(1000, 10), ...repeat(850, 10)], sigma: 0.01, seed: 3 });
  const oldVerdict = decideHistoryCheck([old], GATE_THROUGHPUT);
  assert.equal(oldVerdict.kind, 'pass');
  assert.equal(oldVerdict.reports[0]?.level.length, 1, 'the old change point is still reported');
  const better = buildSeries({ levels: [...repeat(1000, 20), ...repeat(1150, 3)], sigma: 0.01, seed: 3 });
  assert.equal(decideHistoryCheck([better], GATE_THROUGHPUT).kind, 'pass');
});

test('a short series is insufficient', () => {
  const verdict = decideHistoryCheck(
    [buildSeries({ levels: repeat(1000, 4), sigma: 0.01 })],
    GATE_THROUGHPUT,
  );
  assert.equal(verdict.kind, 'insufficient');
  if (verdict.kind === 'insufficient') assert.match(verdict.reason, /4 points on the newest machine: need 6/);
});

test('chained ratios decide when the newest point has one: a one-night step fails that night', () => {
  const chained = [null, ...repeat(1, 20), 0.9];
  // The absolute values lie in a slow regime on the newest night too; only the ratio can tell.
  const levels = [...repeat(1000, 21), 900 / 1.4];
  const series = buildSeries({ levels, sigma: 0.02, seed: 6, chained, chainedMargin: 0.02 });
  series.points.forEach((point, night) => {
    if (point.chainedRatio !== null && night < 21)
      point.chainedRatio.value = Math.exp(0.01 * Math.sin(night * 7));
  });
  const verdict = expectFail(decideHistoryCheck([series], GATE_THROUGHPUT));
  assert.deepEqual(
    verdict.regressions.map((regression) => [regression.signal, regression.changePoint.index]),
    [['chained', 21]],
  );
  assert.ok(Math.abs((verdict.regressions[0]?.changePoint.magnitude.value ?? 0) + 0.1) < 1e-9);
});

test('the printed verdict names the cell, metric, commit range, magnitude and signal', () => {
  const series = buildSeries({ levels: [...repeat(1000, 20), ...repeat(850, 3)], sigma: 0.01, seed: 2 });
  const lines = formatHistoryVerdict(decideHistoryCheck([series], GATE_THROUGHPUT));
  assert.match(lines[0] ?? '', /^history check: FAIL, 1 new regression/);
  assert.match(
    lines[1] ?? '',
    /REGRESSION batch 32 throughput: −1\d\.\d % \[−\d+\.\d %, −\d+\.\d %\] between commit19 and commit20 \(recorded values, p = /,
  );
  const machines = buildSeries({
    levels: repeat(1000, 8),
    sigma: 0.01,
    machines: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'],
  });
  const insufficient = formatHistoryVerdict(decideHistoryCheck([machines], GATE_THROUGHPUT));
  assert.match(
    insufficient[0] ?? '',
    /^history check: insufficient history, no gated series has enough points/,
  );
  assert.ok(
    insufficient.some((line) => line.includes('machine a → b at commit4')),
    insufficient.join('\n'),
  );
});

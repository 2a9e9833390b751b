/**
 * Seeded simulation of the decision rule under this machine's noise (see simulate-runs.ts): false alarms on
 * A/A comparisons and detection of 10 % throughput drops and 10 % memory growth. Each scenario is a fixed
 * seed, so the rates are exact and reproducible; EMBEDPROF_SIM_TRIALS scales the trial counts up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Comparison } from '../../../src/decide/compare/index.js';
import type { Scenario } from './simulation-harness.js';
import {
  createSide,
  failsGate,
  failsOn,
  FAST,
  FAST_TO_SLOW,
  isInconclusive,
  measureRate,
  SLOW,
  SLOW_TO_FAST,
} from './simulation-harness.js';

const SCALE = Number(process.env.EMBEDPROF_SIM_TRIALS ?? 1);
const trials = (n: number): number => Math.round(n * SCALE);
const ONE_IN_THIRTY = 1 / 30;

function rate(seed: number, n: number, scenario: Scenario, predicate: Parameters<typeof measureRate>[3]) {
  return measureRate(seed, trials(n), scenario, predicate);
}

const aa = (processes: number, changes: Partial<Scenario> = {}): Scenario => ({
  baseline: createSide(processes, FAST),
  current: createSide(processes, FAST),
  ...changes,
});

test('A/A in one regime: false alarms ≤ 1/30 with 3 and with 5 processes a side', (t) => {
  for (const [processes, n] of [
    [3, 400],
    [5, 300],
  ] as const) {
    const falseAlarms = rate(1, n, aa(processes), failsGate);
    t.diagnostic(`A/A, ${processes} processes: false alarms ${falseAlarms}`);
    assert.ok(falseAlarms <= ONE_IN_THIRTY, `${processes} processes: ${falseAlarms} > 1/30`);
  }
});

test('a true 10 % throughput drop in every cell is flagged ≥ 95 % of the time', (t) => {
  for (const processes of [3, 5]) {
    const current = createSide(processes, FAST, { throughputFactor: 0.9 });
    const detected = rate(2, 200, aa(processes, { current }), failsOn('throughput'));
    t.diagnostic(`10 % drop, ${processes} processes: detected ${detected}`);
    assert.ok(detected >= 0.95, `${processes} processes: detected ${detected}`);
  }
});

test('a true 10 % memory growth in every cell is flagged ≥ 95 % of the time', (t) => {
  for (const processes of [3, 5]) {
    const current = createSide(processes, FAST, { memoryFactor: 1.1 });
    const detected = rate(3, 200, aa(processes, { current }), failsOn('peakMemoryMB'));
    t.diagnostic(`10 % memory growth, ${processes} processes: detected ${detected}`);
    assert.ok(detected >= 0.95, `${processes} processes: detected ${detected}`);
  }
});

test('a 10 % change confined to one of 12 cells: ≥ 95 % with 5 processes, weaker with 3 (Holm over 12 cells)', (t) => {
  const oneCell = { affectedCells: [3] };
  const results = [3, 5].map((processes) => {
    const drop = createSide(processes, FAST, { throughputFactor: 0.9, ...oneCell });
    const growth = createSide(processes, FAST, { memoryFactor: 1.1, ...oneCell });
    return {
      processes,
      drop: rate(4, 200, aa(processes, { current: drop }), failsOn('throughput')),
      growth: rate(5, 200, aa(processes, { current: growth }), failsOn('peakMemoryMB')),
    };
  });
  for (const r of results)
    t.diagnostic(`one cell, ${r.processes} processes: drop ${r.drop}, growth ${r.growth}`);
  const [three, five] = results;
  assert.ok(five !== undefined && five.drop >= 0.95 && five.growth >= 0.95);
  assert.ok(three !== undefined && three.drop >= 0.8 && three.growth >= 0.75, 'documented n = 3 power');
});

test('a regime switch inside the current run: regime matching keeps false alarms ≤ 1/30; ignoring it does not', (t) => {
  const current = createSide(3, FAST_TO_SLOW);
  const matched = rate(6, 200, aa(3, { current }), failsGate);
  const ignored = rate(6, 200, aa(3, { current, options: { speedRegimes: 'ignore' } }), failsGate);
  const bothSwitch = rate(7, 200, { baseline: createSide(3, SLOW_TO_FAST), current }, failsGate);
  const drop = createSide(3, FAST_TO_SLOW, { throughputFactor: 0.9 });
  const detected = rate(8, 200, aa(3, { current: drop }), failsOn('throughput'));
  const undecided = rate(8, 200, aa(3, { current: drop }), isInconclusive);
  t.diagnostic(
    `switch in current: false alarms ${matched} matched, ${ignored} ignored; both sides switch ${bothSwitch}`,
  );
  t.diagnostic(
    `switch in current, 10 % drop: detected ${detected}, inconclusive ${undecided} (never a pass as no-change)`,
  );
  assert.ok(matched <= ONE_IN_THIRTY && bothSwitch <= ONE_IN_THIRTY);
  assert.ok(ignored > 0.3, 'without regime matching the shift itself is reported as a regression');
  assert.ok(
    detected + undecided >= 0.99,
    'a real drop is flagged or called inconclusive, never passed as no-change',
  );
});

test('sides in different regimes: raw speed and naive normalization give false verdicts, the residual prevents them', (t) => {
  const wrong = (comparison: Comparison) =>
    comparison.overall.verdict === 'regression' || comparison.overall.verdict === 'improvement';
  const scenarios = {
    'baseline fast, current slow': aa(3, { current: createSide(3, SLOW) }),
    'baseline slow, current fast': aa(3, { baseline: createSide(3, SLOW) }),
  };
  for (const [name, scenario] of Object.entries(scenarios)) {
    const raw = rate(9, 100, { ...scenario, options: { speedRegimes: 'ignore' } }, wrong);
    const naive = rate(9, 100, { ...scenario, options: { normalizationResidualCv: 0 } }, wrong);
    const normalized = rate(9, 200, scenario, failsGate);
    const undecided = rate(9, 200, scenario, isInconclusive);
    t.diagnostic(
      `${name}, A/A: false regression/improvement raw ${raw}, naive normalization ${naive}; ` +
        `with the residual: false alarms ${normalized}, inconclusive ${undecided}`,
    );
    assert.ok(raw > 0.9, 'raw speed across regimes differs by 1.33×');
    assert.ok(naive > 0.5, 'the probe does not follow the model exactly (1.47× vs 1.33×)');
    assert.ok(normalized <= ONE_IN_THIRTY);
  }
});

test('sides in different regimes: a 10 % drop is inconclusive, a 30 % drop and memory growth are still caught', (t) => {
  const across = (changes: Parameters<typeof createSide>[2]) =>
    aa(3, { current: createSide(3, SLOW, changes) });
  const drop10 = rate(10, 200, across({ throughputFactor: 0.9 }), failsOn('throughput'));
  const drop30 = rate(10, 200, across({ throughputFactor: 0.7 }), failsOn('throughput'));
  const growth = rate(11, 200, across({ memoryFactor: 1.1 }), failsOn('peakMemoryMB'));
  t.diagnostic(
    `across regimes: 10 % drop detected ${drop10}, 30 % drop ${drop30}, 10 % memory growth ${growth}`,
  );
  assert.ok(drop30 >= 0.95 && growth >= 0.95);
});

test('the simulated machine has CV 1 % within a regime: aggregate intervals narrower than 3 %', () => {
  // Guards the simulation itself: an A/A comparison in one regime has aggregate intervals of about ±1 %.
  const scenario = aa(5);
  const width = rate(12, 20, scenario, (comparison) => {
    const aggregate = comparison.aggregates.find((item) => item.metric === 'throughput');
    return (
      aggregate?.interval.kind === 'determined' && aggregate.interval.high - aggregate.interval.low < 0.03
    );
  });
  assert.equal(width, 1);
});

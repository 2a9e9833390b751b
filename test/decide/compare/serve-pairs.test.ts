import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareServeSweeps } from '../../../src/decide/compare/index.js';
import { guardBounds } from '../../../src/decide/compare/compare-serve.js';
import { findKneeCrossing, pairRoundValues } from '../../../src/decide/compare/serve-round-values.js';
import type { ServeSweep } from '../../../src/measure/serve/serve-profile-schema.js';
import { UsageError } from '../../../src/ground/errors.js';
import { OPTIONS, RATES, buildSweep } from './serve-sweeps.js';

function assertUsageError(run: () => unknown, pattern: RegExp) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof UsageError, String(error));
    assert.match(error.message, pattern);
    assert.match(error.message, /Compare sweeps measured as one duet/);
    return true;
  });
}

const base = buildSweep({ serviceMs: 10 });

test('mismatched sweeps are explicit errors: rates, rounds, texts per request, reference rate, a round twice', () => {
  const otherRates = buildSweep({ serviceMs: 10, rates: [...RATES.slice(0, -1), 130] });
  assertUsageError(
    () => compareServeSweeps(base, otherRates, OPTIONS),
    /the same rates.*122 on the base.*130 on the head/,
  );
  const fewerRounds = buildSweep({ serviceMs: 10, rounds: 4 });
  assertUsageError(
    () => compareServeSweeps(base, fewerRounds, OPTIONS),
    /the same rounds.*0, 1, 2, 3, 4 on the base and 0, 1, 2, 3 on the head/,
  );
  const texts = buildSweep({ serviceMs: 10, textsPerRequest: 32 });
  assertUsageError(
    () => compareServeSweeps(base, texts, OPTIONS),
    /texts per request.*8 on the base and 32 on the head/,
  );
  const noReference = buildSweep({ serviceMs: 10, reference: null });
  assertUsageError(
    () => compareServeSweeps(base, noReference, OPTIONS),
    /the same reference rate.*50\/s on the base and none on the head/,
  );
  const [first, ...rest] = base.rates;
  assert.ok(first);
  const doubled: ServeSweep = {
    ...base,
    rates: [{ ...first, windows: [...first.windows, ...first.windows.slice(0, 1)] }, ...rest],
  };
  assertUsageError(() => compareServeSweeps(doubled, base, OPTIONS), /round 0 twice at 40\/s on the base/);
  assertUsageError(() => compareServeSweeps([base, base], [base, base], OPTIONS), /8 twice on the base/);
});

test('probe rates are not paired: the knee is found among the ladder rates', () => {
  const probe = {
    ...(base.rates[0] as ServeSweep['rates'][number]),
    ratePerSecond: 10,
    phase: 'probe' as const,
  };
  const withProbe: ServeSweep = { ...base, rates: [probe, ...base.rates] };
  const comparison = compareServeSweeps(withProbe, base, OPTIONS);
  assert.deepEqual(comparison.sweeps[0]?.rates, RATES);
});

test('no reference rate on either side: p95-at-reference is inconclusive and says why', () => {
  const sweep = buildSweep({ serviceMs: 10, reference: null });
  const comparison = compareServeSweeps(sweep, sweep, OPTIONS);
  const p95 = comparison.sweeps[0]?.metrics.find((item) => item.metric === 'p95-at-reference');
  assert.equal(p95?.verdict, 'inconclusive');
  assert.match(p95?.reason ?? '', /no reference rate/);
  assert.equal(p95?.minimumDetectable, null);
  assert.equal(comparison.overall.verdict, 'inconclusive');
});

test('the knee crossing: as the sweep finds it, log(load) on log(rate); bounds below the lowest and above the highest rate', () => {
  const crossing = findKneeCrossing([50, 100], [0.5, 1.5]);
  assert.equal(crossing.kind, 'value');
  // log(load) from ln 0.5 to ln 1.5 crosses 0 at ln 2 / ln 3 of the way from 50 to 100 on log(rate)
  if (crossing.kind === 'value')
    assert.ok(Math.abs(crossing.value - 50 * 2 ** (Math.log(2) / Math.log(3))) < 1e-9);
  const atWithin = findKneeCrossing([50, 100], [0.5, Infinity]);
  assert.ok(
    atWithin.kind === 'value' && Math.abs(atWithin.value - 50) < 1e-9,
    'an infinite load: the rate within',
  );
  assert.equal(findKneeCrossing([50, 100], [1.2, 2]).kind, 'at-most');
  assert.equal(findKneeCrossing([50, 100], [0.2, 0.9]).kind, 'at-least');
});

test('pairs with bounds: which way the true change lies, and which carry no ratio', () => {
  const value = (v: number) => ({ kind: 'value' as const, value: v });
  const atLeast = (v: number) => ({ kind: 'at-least' as const, bound: v, reason: 'all within' });
  const atMost = (v: number) => ({ kind: 'at-most' as const, bound: v, reason: 'none within' });
  const knee = 'higher-is-better' as const;
  assert.equal(pairRoundValues(0, { base: value(80), head: atLeast(100) }, knee).use, 'bounded-better');
  assert.equal(pairRoundValues(0, { base: value(80), head: atMost(50) }, knee).use, 'bounded-worse');
  assert.equal(pairRoundValues(0, { base: atLeast(100), head: value(80) }, knee).use, 'bounded-worse');
  assert.equal(pairRoundValues(0, { base: atMost(50), head: atLeast(100) }, knee).use, 'bounded-better');
  const both = pairRoundValues(0, { base: atLeast(100), head: atLeast(100) }, knee);
  assert.deepEqual([both.use, both.logRatio], ['uninformative', null]);
  const missing = pairRoundValues(
    0,
    { base: value(10), head: { kind: 'missing', reason: 'none' } },
    'lower-is-better',
  );
  assert.deepEqual([missing.use, missing.logRatio], ['missing', null]);
  assert.equal(pairRoundValues(0, { base: value(80), head: value(40) }, knee).logRatio, Math.log(0.5));
});

test('bounds keep the verdict from claiming more than they show', () => {
  const pair = (round: number, use: 'exact' | 'bounded-worse' | 'bounded-better') => ({
    round,
    use,
    logRatio: 0,
    base: { kind: 'value' as const, value: 1 },
    head: { kind: 'value' as const, value: 1 },
  });
  const exact = [pair(0, 'exact'), pair(1, 'exact')];
  const decide = (verdict: 'regression' | 'improvement' | 'no-change', uses: Parameters<typeof pair>[1][]) =>
    guardBounds(
      { verdict, reason: 'r' },
      uses.map((use, i) => pair(i, use)),
    ).verdict;
  assert.equal(guardBounds({ verdict: 'no-change', reason: 'r' }, exact).verdict, 'no-change');
  assert.equal(decide('no-change', ['exact', 'bounded-worse']), 'inconclusive');
  assert.equal(decide('regression', ['exact', 'bounded-worse']), 'regression');
  assert.equal(decide('regression', ['exact', 'bounded-better']), 'inconclusive');
  assert.equal(decide('improvement', ['bounded-better', 'exact']), 'improvement');
  assert.equal(decide('improvement', ['bounded-worse', 'exact']), 'inconclusive');
});

test('both knees above the highest rate in every round: no ratio, inconclusive with the reason', () => {
  const light = buildSweep({ serviceMs: 10, rates: [20, 30, 40] });
  const knee = compareServeSweeps(light, light, OPTIONS).sweeps[0]?.metrics.find(
    (item) => item.metric === 'knee',
  );
  assert.equal(knee?.verdict, 'inconclusive');
  assert.match(
    knee?.reason ?? '',
    /need at least 2 paired rounds, got 0 \(left out: 5 with both knees beyond the same edge/,
  );
  assert.ok(knee?.pairs.every((pair) => pair.use === 'uninformative' && pair.head.kind === 'at-least'));
});

test('a head that fails every request at the reference rate: its pairs are left out, the knee catches it', () => {
  const head = buildSweep({ serviceMs: 10 });
  const failing: ServeSweep = {
    ...head,
    rates: head.rates.map((rate) => ({
      ...rate,
      windows: rate.windows.map((window) => ({ ...window, latencyMs: null, succeeded: 0, errorRate: 1 })),
    })),
  };
  const comparison = compareServeSweeps(base, failing, OPTIONS);
  const [knee, p95] = comparison.sweeps[0]?.metrics ?? [];
  assert.ok(p95?.pairs.every((pair) => pair.use === 'missing'));
  assert.equal(p95?.verdict, 'inconclusive');
  assert.ok(knee?.pairs.every((pair) => pair.use === 'bounded-worse' && pair.head.kind === 'at-most'));
  assert.equal(knee?.verdict, 'regression', knee?.reason);
  assert.equal(comparison.overall.verdict, 'regression');
});

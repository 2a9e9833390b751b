import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootstrapPooledLogRatio,
  inferPooledP95,
  scalePair,
} from '../../../src/decide/compare/pooled-p95.js';

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

const SAME = { round: 0, base: [1, 2, 3, 4], head: [1, 2, 3, 4] };
const DOUBLED = { round: 1, base: [1, 2, 3, 4], head: [2, 4, 6, 8] };

test('a pair is divided by √(median base · median head): the ratio within it is untouched', () => {
  const scaled = scalePair(DOUBLED);
  const s = Math.sqrt(2.5 * 5);
  scaled.base.forEach((value, i) => close(value, (DOUBLED.base[i] as number) / s, `base ${i}`));
  scaled.head.forEach((value, i) => close(value, 2 * (scaled.base[i] as number), `head ${i}`));
});

test('pooled p95 by hand: two pairs, one unchanged and one doubled', () => {
  // scaled: round 0 both sides [0.4, 0.8, 1.2, 1.6]; round 1 base [1..4] / √12.5, head [2..8] / √12.5
  const s = Math.sqrt(12.5);
  // pooled base ascending: 1/s, .4, 2/s, .8, 3/s, 4/s, 1.2, 1.6 → type 7 at 0.95 · 7 = 6.65
  const base = 1.2 + 0.65 * (1.6 - 1.2);
  // pooled head ascending: .4, 2/s, .8, 4/s, 1.2, 1.6, 6/s, 8/s
  const head = 6 / s + 0.65 * (8 / s - 6 / s);
  const pooled = inferPooledP95([SAME, DOUBLED], { replicates: 200, seed: 3 });
  close(pooled.base, base, 'base p95');
  close(pooled.head, head, 'head p95');
  assert.deepEqual(pooled.requests, { base: 8, head: 8 });
  assert.equal(pooled.inference.kind, 'determined');
  close(pooled.inference.logEstimate, Math.log(head / base), 'log ratio');
  // a replicate draws round pairs whole: {0, 0} → ln 1, {1, 1} → ln 2, one of each → the pooled ratio (√2
  // here, for the type-7 p95 above as for the replicates' inverse-distribution p95, the maxima 8/s over 1.6)
  const allowed = [0, Math.log(2), Math.log(head / base)];
  for (const value of pooled.replicates) {
    assert.ok(
      allowed.some((x) => Math.abs(x - value) < 1e-9),
      `replicate ${value}`,
    );
  }
  if (pooled.inference.kind === 'determined') {
    assert.equal(pooled.inference.df, 1, 'df = pairs − 1');
    assert.ok(pooled.inference.standardError > 0);
  }
});

test('a head uniformly 2× slower in every pair: ln 2 with no spread (regimes matched pair by pair)', () => {
  const pairs = [0, 1, 2].map((round) => {
    const regime = [1, 1.4, 1.2][round] as number;
    const base = [3, 5, 8, 13, 21].map((x) => x * regime);
    return { round, base, head: base.map((x) => 2 * x) };
  });
  const pooled = inferPooledP95(pairs, { replicates: 100, seed: 1 });
  assert.ok(pooled.inference.kind === 'determined');
  close(pooled.inference.logEstimate, Math.log(2), 'estimate');
  close(pooled.inference.standardError, 0, 'SE');
});

test('the bootstrap is reproducible from its seed, and differs with another', () => {
  const pairs = [SAME, DOUBLED, { round: 2, base: [2, 3, 5, 7, 9], head: [2, 4, 5, 8, 9] }];
  const first = bootstrapPooledLogRatio(pairs, { replicates: 50, seed: 7, resampleRequests: true });
  const again = bootstrapPooledLogRatio(pairs, { replicates: 50, seed: 7, resampleRequests: true });
  const other = bootstrapPooledLogRatio(pairs, { replicates: 50, seed: 8, resampleRequests: true });
  assert.deepEqual(Array.from(again), Array.from(first));
  assert.notDeepEqual(Array.from(other), Array.from(first));
});

test('resampling requests too adds their noise again: a wider SE than round pairs alone', () => {
  const pairs = [0, 1, 2, 3, 4].map((round) => {
    const base = Array.from({ length: 40 }, (_, j) => 10 + ((j * 7 + round * 3) % 40) / 4);
    return { round, base, head: base.map((x, j) => x * (1 + (((j + round) % 5) - 2) / 100)) };
  });
  const se = (resampleRequests: boolean) => {
    const { inference } = inferPooledP95(pairs, { replicates: 400, seed: 2, resampleRequests });
    assert.ok(inference.kind === 'determined');
    return inference.standardError;
  };
  assert.ok(se(true) > se(false), `${se(true)} ≤ ${se(false)}`);
});

test('below 2 pairs: undetermined, saying why', () => {
  const pooled = inferPooledP95([DOUBLED], { replicates: 50, seed: 1 });
  assert.equal(pooled.inference.kind, 'undetermined');
  assert.ok(pooled.inference.kind === 'undetermined');
  assert.match(pooled.inference.reason, /at least 2 round pairs .* got 1/);
  close(pooled.inference.logEstimate, Math.log(2), 'the one pair’s ratio still shown');
});

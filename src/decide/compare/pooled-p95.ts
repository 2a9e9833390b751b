/**
 * p95 at the reference rate from pooled requests: each side's p95 over the successful requests of all its
 * rounds' windows at that rate, the change ln(head p95 / base p95), and its standard error from a seeded
 * bootstrap that resamples whole round PAIRS (a drawn round brings its base window and its head window).
 * docs/serve-gate.md has the method and the simulation behind each choice:
 *
 * - Regimes stay matched: before pooling, both windows of a pair are divided by the pair's common scale
 *   √(median base · median head). The ratio within a pair is untouched, but a round measured in a slow regime
 *   no longer owns the pooled tail (the pooled p95 of raw latencies is mostly the slowest rounds' requests).
 * - Round pairs are resampled; requests within the drawn windows only with `resampleRequests`. A round's
 *   realized window already carries its requests' sampling noise, so resampling both levels counts that noise
 *   twice (the smallest detectable change grew from 21.8 % to 27.8 % in the simulation).
 * - The SE is the replicates' SD times √(n / (n − 1)) (a bootstrap of n units understates the variance by
 *   (n − 1) / n), with df = n − 1 for n round pairs: the pairs are the independent units, as in the per-round
 *   t method this replaces, and an SD from 5 of them is as uncertain as a sample SD.
 *
 * Cost O(replicates × requests): each side's latencies are sorted once (bootstrap-windows.ts); a replicate
 * only counts draws and reads the quantile off the cumulative counts.
 */
import { createRandom } from '../../ground/random/index.js';
import type { Random } from '../../ground/random/index.js';
import { computeMedian, computeQuantile, computeSampleVariance } from '../../ground/stats/index.js';
import type { SortedPool } from '../../measure/serve/bootstrap-windows.js';
import { readQuantiles, sortPool } from '../../measure/serve/bootstrap-windows.js';
import type { LogRatioInference } from './log-ratio.js';
import { withResidual } from './log-ratio.js';

export interface PooledRoundPair {
  round: number;
  /** Latencies (ms) of the successful requests of the round's base window, and of its head window. */
  base: readonly number[];
  head: readonly number[];
}

export interface PooledBootstrapOptions {
  replicates: number;
  seed: number;
  /** Also resample requests within each drawn window (default false: see the module comment). */
  resampleRequests?: boolean;
}

export interface PooledP95 {
  /** Each side's p95 over its pooled requests, in units of the pairs' scales (type-7 quantile). */
  base: number;
  head: number;
  /** Successful requests pooled per side. */
  requests: { base: number; head: number };
  /** ln(head / base) per bootstrap replicate. */
  replicates: Float64Array;
  inference: LogRatioInference;
}

const P95 = [0.95] as const;

/** Counts window `w`'s requests (or as many drawn from it) into `counts`; returns how many. */
function drawWindow(pool: SortedPool, w: number, counts: Uint32Array, random: Random | null): number {
  const positions = pool.positions[w] as Uint32Array;
  const n = positions.length;
  for (let j = 0; j < n; j++) {
    const position = positions[random === null ? j : Math.floor(random.nextFloat() * n)] as number;
    counts[position] = (counts[position] as number) + 1;
  }
  return n;
}

/** ln(head p95 / base p95) per replicate; each replicate draws round pairs (and requests, if asked). */
export function bootstrapPooledLogRatio(
  pairs: readonly PooledRoundPair[],
  options: PooledBootstrapOptions,
): Float64Array {
  const pool = (side: 'base' | 'head') =>
    sortPool(pairs.map((pair) => ({ latenciesMs: pair[side], planned: pair[side].length })));
  const pools = { base: pool('base'), head: pool('head') };
  const counts = {
    base: new Uint32Array(pools.base.values.length),
    head: new Uint32Array(pools.head.values.length),
  };
  const p95 = { base: [new Float64Array(1)], head: [new Float64Array(1)] };
  const random = createRandom(options.seed, { floatBits: 32 });
  const within = options.resampleRequests === true ? random : null;
  const out = new Float64Array(options.replicates);
  for (let b = 0; b < options.replicates; b++) {
    counts.base.fill(0);
    counts.head.fill(0);
    const drawn = { base: 0, head: 0 };
    for (let k = 0; k < pairs.length; k++) {
      const w = Math.floor(random.nextFloat() * pairs.length);
      drawn.base += drawWindow(pools.base, w, counts.base, within);
      drawn.head += drawWindow(pools.head, w, counts.head, within);
    }
    readQuantiles(pools.base.values, counts.base, drawn.base, P95, p95.base, 0);
    readQuantiles(pools.head.values, counts.head, drawn.head, P95, p95.head, 0);
    out[b] = Math.log((p95.head[0]?.[0] ?? NaN) / (p95.base[0]?.[0] ?? NaN));
  }
  return out;
}

/** Both windows of a pair divided by the pair's common scale √(median base · median head). */
export function scalePair(pair: PooledRoundPair): PooledRoundPair {
  const scale = Math.sqrt(computeMedian(pair.base) * computeMedian(pair.head));
  if (!(scale > 0) || !Number.isFinite(scale)) return pair;
  return { round: pair.round, base: pair.base.map((x) => x / scale), head: pair.head.map((x) => x / scale) };
}

/**
 * Each side's pooled p95 and the inference on their log ratio. Pairs must have a success on both sides.
 * Undetermined (with why) below 2 pairs, or when fewer than half the replicates are finite.
 */
export function inferPooledP95(
  measured: readonly PooledRoundPair[],
  options: PooledBootstrapOptions,
): PooledP95 {
  const pairs = measured.map(scalePair);
  const pooledBase = pairs.flatMap((pair) => [...pair.base]);
  const pooledHead = pairs.flatMap((pair) => [...pair.head]);
  const base = pooledBase.length === 0 ? NaN : computeQuantile(pooledBase, 0.95);
  const head = pooledHead.length === 0 ? NaN : computeQuantile(pooledHead, 0.95);
  const logEstimate = base > 0 && head > 0 ? Math.log(head / base) : 0;
  const requests = { base: pooledBase.length, head: pooledHead.length };
  const undetermined = (reason: string, replicates: Float64Array): PooledP95 => ({
    base,
    head,
    requests,
    replicates,
    inference: { kind: 'undetermined', logEstimate, reason },
  });
  if (pairs.length < 2) {
    return undetermined(
      `need at least 2 round pairs where both sides answered, got ${pairs.length}`,
      new Float64Array(0),
    );
  }
  const replicates = bootstrapPooledLogRatio(pairs, options);
  const finite = Array.from(replicates).filter((x) => Number.isFinite(x));
  if (finite.length < replicates.length / 2) {
    return undetermined(`only ${finite.length}/${replicates.length} bootstrap replicates finite`, replicates);
  }
  const n = pairs.length;
  const standardError = Math.sqrt(computeSampleVariance(finite) * (n / (n - 1)));
  return { base, head, requests, replicates, inference: withResidual(logEstimate, standardError, n - 1, 0) };
}

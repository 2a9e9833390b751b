/**
 * `node build/scripts/validate-serve-compare.js`: the serve gate's error rates on simulated duets
 * (simulate-serve-duet.ts), seeded. For each setting it runs an A/A duet and a head 15 % slower per request
 * `--runs` times, compares them with compareServeSweeps (default options) and prints how often the A/A ends
 * no-change (and how often it raises a false alarm), how often the slowdown is caught, with Wilson 95 %
 * intervals, and each metric's verdicts and median smallest detectable change. docs/serve-gate.md quotes it.
 *
 * The simulated windows keep their requests' latencies, so p95 at the reference rate is compared by pooled
 * requests (pooled-p95.ts); `--fallback` drops them to measure the per-round t method it falls back to.
 *
 *   node build/scripts/validate-serve-compare.js [--runs 200] [--seed 1] [--slowdown 0.15] [--grid]
 *     [--max-p95-growth 0.3] [--replicates 500] [--fallback] [--resample-requests] [--window-seconds 5]
 */
import { parseArgs } from 'node:util';
import { compareServeSweeps } from '../src/decide/compare/index.js';
import type { ServeComparison, ServeMetricName } from '../src/decide/compare/index.js';
import { computeWilsonInterval, formatRate } from '../src/decide/gate/wilson-interval.js';
import { computeMedian } from '../src/ground/stats/index.js';
import type { DuetModel } from './simulate-serve-duet.js';
import { simulateServeDuet } from './simulate-serve-duet.js';

/** The default plan (5 rounds of 5 s windows) on a server whose windows scatter by 4 % + 4 % (shared). */
const DEFAULT_MODEL: DuetModel = {
  serviceMs: 10,
  headSlowdown: 0,
  rounds: 5,
  windowSeconds: 5,
  latencySloMs: 100,
  sigmaShared: 0.04,
  sigmaOwn: 0.04,
  regimeSeconds: 90,
  splitPairs: false,
  rawLatencies: true,
};

const METRIC_NAMES: readonly ServeMetricName[] = ['knee', 'p95-at-reference'];

let maxP95Growth: number | undefined;
let bootstrapReplicates = 500;
let bootstrapRequests = false;

function runMany(model: DuetModel, runs: number, seed: number): ServeComparison[] {
  const options = {
    latencySloMs: model.latencySloMs,
    sloQuantile: 'p95' as const,
    ...(maxP95Growth === undefined ? {} : { maxP95Growth }),
    bootstrapReplicates,
    bootstrapRequests,
  };
  return Array.from({ length: runs }, (_, i) => {
    const { base, head } = simulateServeDuet(model, seed * 1_000_003 + i);
    return compareServeSweeps(base, head, options);
  });
}

function countVerdict(comparisons: readonly ServeComparison[], verdict: string, metric?: ServeMetricName) {
  return comparisons.filter((comparison) => {
    if (metric === undefined) return comparison.overall.verdict === verdict;
    return comparison.sweeps[0]?.metrics.find((item) => item.metric === metric)?.verdict === verdict;
  }).length;
}

function describeMetrics(comparisons: readonly ServeComparison[], wanted: string): string {
  return METRIC_NAMES.map((name) => {
    const hits = countVerdict(comparisons, wanted, name);
    const mdcs = comparisons.flatMap((comparison) => {
      const mdc = comparison.sweeps[0]?.metrics.find((item) => item.metric === name)?.minimumDetectable;
      return mdc === null || mdc === undefined ? [] : [mdc];
    });
    const median = mdcs.length === 0 ? 'n/a' : `${(computeMedian(mdcs) * 100).toFixed(1)} %`;
    return `${name} ${wanted} ${hits}/${comparisons.length} (median smallest detectable ${median})`;
  }).join('; ');
}

function describeSetting(model: DuetModel): string {
  const sigma = (value: number) => `${(value * 100).toFixed(0)} %`;
  const pairs = model.splitPairs ? ', regime switches may split a pair' : '';
  const windows = model.windowSeconds === 5 ? '' : `, ${model.windowSeconds} s windows`;
  return `${model.rounds} rounds, window noise ${sigma(model.sigmaOwn)} own + ${sigma(model.sigmaShared)} shared${pairs}${windows}`;
}

function validateSetting(model: DuetModel, runs: number, seed: number, slowdown: number): void {
  const aa = runMany(model, runs, seed);
  const slow = runMany({ ...model, headSlowdown: slowdown }, runs, seed + 7);
  const rate = (hits: number) => formatRate(computeWilsonInterval(hits, runs));
  console.log(`\n${describeSetting(model)}`);
  console.log(`  A/A no-change:           ${rate(countVerdict(aa, 'no-change'))}`);
  console.log(`  A/A false alarm:         ${rate(countVerdict(aa, 'regression'))}`);
  console.log(`  A/A by metric:           ${describeMetrics(aa, 'no-change')}`);
  console.log(
    `  ${(slowdown * 100).toFixed(0)} % slower caught:      ${rate(countVerdict(slow, 'regression'))}`,
  );
  console.log(`  slower by metric:        ${describeMetrics(slow, 'regression')}`);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      slowdown: { type: 'string', default: '0.15' },
      grid: { type: 'boolean', default: false },
      'max-p95-growth': { type: 'string' },
      'resample-requests': { type: 'boolean', default: false },
      replicates: { type: 'string', default: '500' },
      fallback: { type: 'boolean', default: false },
      'window-seconds': { type: 'string', default: '5' },
    },
  });
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  const slowdown = Number(values.slowdown);
  const growth = values['max-p95-growth'];
  maxP95Growth = growth === undefined ? undefined : Number(growth);
  bootstrapReplicates = Number(values.replicates);
  bootstrapRequests = values['resample-requests'];
  const windowSeconds = Number(values['window-seconds']);
  const model = { ...DEFAULT_MODEL, rawLatencies: !values.fallback, windowSeconds };
  const options = maxP95Growth === undefined ? 'default options' : `maxP95Growth ${maxP95Growth}`;
  const method = values.fallback
    ? 'per-round t (no raw latencies)'
    : `pooled requests${bootstrapRequests ? ', requests resampled too' : ''}`;
  console.log(`serve gate on simulated duets: ${runs} runs per variant, seed ${seed}, ${options}, ${method}`);
  validateSetting(model, runs, seed, slowdown);
  if (!values.grid) return;
  for (const rounds of [5, 8]) {
    for (const sigmaOwn of [0.02, 0.04, 0.08, 0.13]) {
      if (rounds === 5 && sigmaOwn === 0.04) continue;
      validateSetting({ ...model, rounds, sigmaOwn }, runs, seed, slowdown);
    }
  }
  validateSetting({ ...model, splitPairs: true, regimeSeconds: 30 }, runs, seed, slowdown);
}

main();

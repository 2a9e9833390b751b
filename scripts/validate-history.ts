/**
 * `npm run validate-history`: how well `history check` finds a 10 % throughput step within 3 nights, and how
 * many false change points it reports per 100 nights without one, on series simulated with this machine's
 * noise (validate-history-model.ts states the model). Targets: ≥ 95 % detected, ≤ 1 false change point per
 * 100 nights. Seeded; prints one row per noise model × signal, plus the best any test on absolute values
 * could do, to show whether a target is out of reach for a signal rather than for the detector.
 *
 *   node build/scripts/validate-history.js [--seed 1] [--trials 400] [--null-series 40]
 */
import { parseArgs } from 'node:util';
import { computeNormalCdf, computeNormalQuantile } from '../src/ground/stats/index.js';
import type { RateEstimate } from '../src/decide/gate/wilson-interval.js';
import type { NoiseModel } from './validate-history-model.js';
import { BASE_MODEL } from './validate-history-model.js';
import type { Budget, Evaluation, Signal } from './validate-history-runs.js';
import { evaluateSignal } from './validate-history-runs.js';

interface Row {
  model: NoiseModel;
  signal: Signal;
}

const MODELS: readonly NoiseModel[] = [
  BASE_MODEL,
  { ...BASE_MODEL, name: '8 % + slow spells (2 nights)', slowEnter: 0.05, slowStay: 0.5 },
  { ...BASE_MODEL, name: '8 %, regimes divided out', slowEnter: 0, slowStay: 0 },
  { ...BASE_MODEL, name: '2 % + slow nights 10 %', runSigma: 0.02 },
];

const ROWS: readonly Row[] = [
  ...MODELS.map((model) => ({ model, signal: 'level' as const })),
  { model: BASE_MODEL, signal: 'samples' },
  { model: BASE_MODEL, signal: 'cumulative' },
  { model: { ...BASE_MODEL, name: 'duet σ 1.5 %', chainedSigma: 0.015 }, signal: 'chained' },
  { model: { ...BASE_MODEL, name: 'duet σ 2 %', chainedSigma: 0.02 }, signal: 'chained' },
  { model: { ...BASE_MODEL, name: 'duet σ 3 %' }, signal: 'chained' },
  { model: { ...BASE_MODEL, name: 'duet σ 4 %', chainedSigma: 0.04 }, signal: 'chained' },
  { model: { ...MODELS[1]!, name: 'duet σ 2 %, slow spells', chainedSigma: 0.02 }, signal: 'chained' },
];

function readBudget(argv: string[]): Budget {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { seed: { type: 'string' }, trials: { type: 'string' }, 'null-series': { type: 'string' } },
  });
  const read = (value: string | undefined, fallback: number, name: string): number => {
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < 1) {
      throw new Error(`--${name} is ${value}: expected a whole number ≥ 1, e.g. --${name} ${fallback}`);
    }
    return number;
  };
  return {
    seed: read(values.seed, 1, 'seed'),
    stepTrials: read(values.trials, 400, 'trials'),
    nullSeries: read(values['null-series'], 40, 'null-series'),
  };
}

function formatShare(rate: RateEstimate | null): string {
  if (rate === null) return 'n/a'.padEnd(22);
  const percent = (value: number) => (value * 100).toFixed(1);
  return `${percent(rate.rate)} % [${percent(rate.low)}, ${percent(rate.high)}]`.padEnd(22);
}

function formatPer100(rate: RateEstimate): string {
  const per100 = (value: number) => (value * 100).toFixed(2);
  return `${per100(rate.rate)} [${per100(rate.low)}, ${per100(rate.high)}]`.padEnd(22);
}

function meetsTargets(evaluation: Evaluation): boolean {
  return evaluation.detected.rate >= 0.95 && evaluation.falseChangePoints.rate <= 0.01;
}

/**
 * The power of the best test on absolute values without regimes: the step's night known, its 3 nights
 * against the 27 before, σ known, one-sided at 1 % (what ≤ 1 false alarm per 100 nights allows).
 */
function computeAbsoluteBound(sigma: number): number {
  const standardError = sigma * Math.sqrt(1 / 3 + 1 / 27);
  return computeNormalCdf(-Math.log(0.9) / standardError - computeNormalQuantile(0.99));
}

function writeHeader(budget: Budget): void {
  const columns = ['detected ≤ 3 nights', 'exact commit', 'found by +10 n'].map((name) => name.padEnd(22));
  const lines = [
    `validate-history: seed ${budget.seed}, ${budget.stepTrials} step trials and ${budget.nullSeries} × 100 step-free nights per row`,
    '  model: ln value = ln level + N(0, σ run) − ln U(1.30, 1.45) on slow nights (10 % of nights, independent, or',
    '         in spells of 2 on average); 5 processes a run, CV 1 %; chained ln ratio = step + N(0, σ duet), + N(0, 2 %)',
    '         on slow nights; the duet’s own 95 % interval ±1.96·σ duet·√(χ²₉/9)',
    '  step: throughput × 0.9 after 30 nights; detected = a failing night among the 3 from the step, at ±1 night',
    '  nightly: decideHistoryCheck on the newest 30 points, new = within the newest 3; targets ≥ 95 %, ≤ 1 / 100 nights',
    `  ${'signal'.padEnd(11)}${'noise model'.padEnd(30)}${columns.join('')}${'false cp / 100 n'.padEnd(22)}${'false fails / 100 n'.padEnd(22)}targets`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function formatRow(row: Row, evaluation: Evaluation): string {
  const shares = [evaluation.detected, evaluation.exact, evaluation.later].map(formatShare).join('');
  const rates = formatPer100(evaluation.falseChangePoints) + formatPer100(evaluation.falseFails);
  const verdict = meetsTargets(evaluation) ? 'met' : 'not met';
  return `  ${row.signal.padEnd(11)}${row.model.name.padEnd(30)}${shares}${rates}${verdict}`;
}

function main(): void {
  const budget = readBudget(process.argv.slice(2));
  const started = Date.now();
  writeHeader(budget);
  const meeting: string[] = [];
  for (const row of ROWS) {
    const evaluation = evaluateSignal(row.model, row.signal, budget);
    if (meetsTargets(evaluation)) meeting.push(`${row.signal} (${row.model.name})`);
    process.stdout.write(`${formatRow(row, evaluation)}\n`);
  }
  const bound = (sigma: number) => `${(computeAbsoluteBound(sigma) * 100).toFixed(0)} %`;
  const lines = [
    `  bound for any test on absolute values (Gaussian, no regimes, step night known): σ 8 % → ${bound(0.08)}, σ 4 % → ${bound(0.04)}, σ 2 % → ${bound(0.02)}`,
    `  targets met by: ${meeting.length === 0 ? 'none' : meeting.join(', ')}; the nightly decides on chained ratios when a run has them`,
    `  ${((Date.now() - started) / 1000).toFixed(1)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}

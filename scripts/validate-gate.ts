/**
 * `npm run validate-gate`: measures, on this machine, how often the gate raises a false alarm and how often
 * it catches an injected regression, with Wilson 95 % intervals. Each repetition profiles the toy embedder
 * (a tiny sweep, --no-analysis) and records it as a baseline, then runs `embedprof gate` for three variants
 * loaded from the same path: unchanged (A/A), with `--throughput-drop` less throughput (extra CPU work per
 * batch), and holding ballast memory of `--memory-growth` × the baseline's peak RSS. The variants run in a
 * rotating order so no variant always runs first after the baseline.
 *
 *   node build/scripts/validate-gate.js [--runs 30] [--processes 3] [--throughput-drop 0.10]
 *     [--memory-growth 0.10] [--time-budget 30] [--batch-sizes 32] [--lengths 256] [--out DIR]
 *   node build/scripts/validate-gate.js --duet [--threshold 0.10] [--variants "A/A,slower 5 %"] [--runs …]
 *     (see validate-duet.ts)
 *   node build/scripts/validate-gate.js --duet --workload ort [--counts "A/A=20,slower=10,memory=10,busy=5,cold=0"]
 *     [--fail-on LIST] [--log docs/validation/pr-gate-runs.md] [--out DIR] (real ORT work, default PR plan:
 *     validate-duet-ort.ts)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { computeWilsonInterval, formatRate } from '../src/decide/gate/wilson-interval.js';
import type { GateOutcome, StepSettings, Variant } from './validate-gate-steps.js';
import { gateVariant, recordBaseline } from './validate-gate-steps.js';
import { validateDuet } from './validate-duet.js';
import { readCounts, resolveLog, validateDuetOrt } from './validate-duet-ort.js';

const VARIANTS: readonly Variant[] = ['unchanged', 'slower', 'ballast'];

interface Settings extends StepSettings {
  duet: boolean;
  workload: string;
  counts: string | undefined;
  failOn: string | null;
  log: string | undefined;
  threshold: number;
  variants: string[];
  runs: number;
  throughputDrop: number;
  memoryGrowth: number;
}

function readNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`--${name}: expected a positive number, got ${value}`);
  return number;
}

function readSettings(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      runs: { type: 'string' },
      processes: { type: 'string' },
      'throughput-drop': { type: 'string' },
      'memory-growth': { type: 'string' },
      'time-budget': { type: 'string' },
      'batch-sizes': { type: 'string' },
      lengths: { type: 'string' },
      out: { type: 'string' },
      duet: { type: 'boolean' },
      threshold: { type: 'string' },
      variants: { type: 'string' },
      workload: { type: 'string' },
      counts: { type: 'string' },
      'fail-on': { type: 'string' },
      log: { type: 'string' },
    },
  });
  const throughputDrop = readNumber(values['throughput-drop'], 0.1, 'throughput-drop');
  const work =
    values.out === undefined ? mkdtempSync(join(tmpdir(), 'embedprof-validate-')) : resolve(values.out);
  mkdirSync(work, { recursive: true });
  return {
    duet: values.duet === true,
    workload: values.workload ?? 'toy',
    counts: values.counts,
    failOn: values['fail-on'] ?? null,
    log: values.log,
    variants: values.variants === undefined ? [] : values.variants.split(','),
    threshold: readNumber(values.threshold, 0.1, 'threshold'),
    runs: Math.round(readNumber(values.runs, 30, 'runs')),
    processes: Math.round(readNumber(values.processes, 3, 'processes')),
    throughputDrop,
    memoryGrowth: readNumber(values['memory-growth'], 0.1, 'memory-growth'),
    timeBudgetSeconds: readNumber(values['time-budget'], 30, 'time-budget'),
    batchSizes: values['batch-sizes'] ?? '32',
    lengths: values.lengths ?? '256',
    work,
    // throughput × 1/(1 + s) = 1 − drop  ⇔  s = drop / (1 − drop)
    slowdown: throughputDrop / (1 - throughputDrop),
  };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  return items.map((_, i) => items[(i + by) % items.length] as T);
}

function describeOutcome(outcome: GateOutcome): string {
  const failing = outcome.failingMetrics.length > 0 ? ` in ${outcome.failingMetrics.join(',')}` : '';
  return `${outcome.variant} ${outcome.gate.toUpperCase()} (${outcome.verdict}${failing}, ${outcome.seconds.toFixed(0)} s)`;
}

function runRepetition(settings: Settings, run: number): GateOutcome[] {
  const dir = join(settings.work, `run-${run + 1}`);
  const peakMB = recordBaseline(settings, join(dir, 'baseline'));
  const ballastMB = Math.max(1, Math.round(settings.memoryGrowth * peakMB));
  const outcomes = rotate(VARIANTS, run).map((variant) =>
    gateVariant(settings, variant, join(dir, 'baseline'), join(dir, variant), ballastMB),
  );
  process.stderr.write(
    `run ${run + 1}/${settings.runs}: baseline peak ${peakMB.toFixed(0)} MB, ballast ${ballastMB} MB; ${outcomes.map(describeOutcome).join('; ')}\n`,
  );
  return outcomes;
}

function countRate(outcomes: readonly GateOutcome[], variant: Variant, hit: (o: GateOutcome) => boolean) {
  const own = outcomes.filter((outcome) => outcome.variant === variant);
  return computeWilsonInterval(own.filter(hit).length, own.length);
}

function summarize(settings: Settings, outcomes: readonly GateOutcome[], seconds: number) {
  const fails = (metric: string | null) => (o: GateOutcome) =>
    o.gate === 'fail' && (metric === null || o.failingMetrics.includes(metric));
  const inconclusive = (o: GateOutcome) => o.verdict === 'inconclusive';
  const rates = {
    falseAlarm: countRate(outcomes, 'unchanged', fails(null)),
    aaInconclusive: countRate(outcomes, 'unchanged', inconclusive),
    throughputDetected: countRate(outcomes, 'slower', fails('throughput')),
    throughputInconclusive: countRate(outcomes, 'slower', inconclusive),
    memoryDetected: countRate(outcomes, 'ballast', fails('peakMemoryMB')),
    memoryInconclusive: countRate(outcomes, 'ballast', inconclusive),
    slowerFlagsMemory: countRate(outcomes, 'slower', fails('peakMemoryMB')),
    ballastFlagsThroughput: countRate(outcomes, 'ballast', fails('throughput')),
  };
  const drop = `${(settings.throughputDrop * 100).toFixed(0)} %`;
  const growth = `${(settings.memoryGrowth * 100).toFixed(0)} %`;
  const text = [
    `validate-gate: ${settings.runs} run(s) in ${seconds.toFixed(0)} s on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} logical cores, load ${loadavg()[0]?.toFixed(2)})`,
    `  sweep: toy embedder, --batch-sizes ${settings.batchSizes} --lengths ${settings.lengths} --processes ${settings.processes} --no-analysis; gate --time-budget ${settings.timeBudgetSeconds}`,
    `  A/A false alarms (gate failed, unchanged code):   ${formatRate(rates.falseAlarm)}`,
    `  throughput −${drop} detected (fails on throughput): ${formatRate(rates.throughputDetected)}`,
    `  peak memory +${growth} detected (fails on memory):   ${formatRate(rates.memoryDetected)}`,
    `  inconclusive verdicts: A/A ${formatRate(rates.aaInconclusive)}; slower ${formatRate(rates.throughputInconclusive)}; ballast ${formatRate(rates.memoryInconclusive)}`,
    `  wrong-metric alarms: slower failed on memory ${formatRate(rates.slowerFlagsMemory)}; ballast failed on throughput ${formatRate(rates.ballastFlagsThroughput)}`,
    `  details: ${join(settings.work, 'validate-gate.json')}`,
  ].join('\n');
  return { text, rates };
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  if (settings.duet && settings.workload === 'ort') {
    const tokenizerDir = resolve('../shared/models/all-MiniLM-L6-v2');
    const log = resolveLog(settings.log);
    await validateDuetOrt({
      counts: readCounts(settings.counts),
      work: settings.work,
      log,
      tokenizerDir,
      failOn: settings.failOn,
    });
    return;
  }
  if (settings.duet) {
    validateDuet({ ...settings, timeBudgetSeconds: settings.timeBudgetSeconds });
    return;
  }
  const started = Date.now();
  const outcomes: GateOutcome[] = [];
  for (let run = 0; run < settings.runs; run++) outcomes.push(...runRepetition(settings, run));
  const { text, rates } = summarize(settings, outcomes, (Date.now() - started) / 1000);
  writeFileSync(
    join(settings.work, 'validate-gate.json'),
    `${JSON.stringify({ settings, rates, outcomes }, null, 2)}\n`,
  );
  process.stdout.write(`${text}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});

/**
 * `node build/scripts/measure-serve-pair-noise.js`: how much a serve duet's window pairs scatter on this
 * machine, the figure docs/serve-gate.md's simulation needs. Two reference servers of the same build (an A/A
 * duet: synthetic MiniLM q8, one thread each) get the same seeded Poisson schedule in alternating 5 s windows
 * (base-head, head-base, …) at a reference rate (0.4 × the sequential rate) and a near-knee rate (0.8 ×); it
 * prints each rate's per-round p95 of both sides, the SD of ln(head p95 / base p95) over rounds (the pair
 * noise the serve gate's interval holds), and the SD of ln(base p95) (what pairing removes). Then both of the
 * serve gate's p95 methods on the same windows: the per-round t and the pooled requests (pooled-p95.ts), each
 * with its estimate, SE and smallest detectable growth at the default threshold (0.30) and at 0.10.
 *
 *   node build/scripts/measure-serve-pair-noise.js [--rounds 8] [--window-seconds 5] [--texts 8]
 *     [--shares 0.4,0.8]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { LogRatioInference } from '../src/decide/compare/log-ratio.js';
import { toChangeInterval } from '../src/decide/compare/log-ratio.js';
import { computeDetectableChange } from '../src/decide/compare/minimum-detectable.js';
import { inferPaired } from '../src/decide/compare/paired-evidence.js';
import type { PooledRoundPair } from '../src/decide/compare/pooled-p95.js';
import { inferPooledP95 } from '../src/decide/compare/pooled-p95.js';
import { computeMean, computeMedian, computeSampleVariance } from '../src/ground/stats/index.js';
import { planArrivals } from '../src/measure/serve/plan-arrivals.js';
import { prepareServeApi } from '../src/measure/serve/serve-api.js';
import { createServePool, sendSchedule } from '../src/measure/serve/send-schedule.js';
import { startServeCommand } from '../src/measure/serve/serve-target.js';
import type { ScheduleRequest, ServeTarget } from '../src/measure/serve/serve-types.js';
import { summarizeWindow } from '../src/measure/serve/summarize-window.js';
import { createReferenceCommand } from '../test/measure/serve/fake-servers.js';

const WORDS = 'the model embeds short and long sentences about servers latency queues and machines'.split(
  ' ',
);
const CORPUS = Array.from({ length: 200 }, (_, i) =>
  Array.from({ length: 6 + ((i * 7) % 40) }, (_, j) => WORDS[(i + j * 3) % WORDS.length]).join(' '),
);
const API = prepareServeApi({ kind: 'tei', path: '/embed' });

async function measureP95(
  target: ServeTarget,
  schedule: ScheduleRequest,
  pool: ReturnType<typeof createServePool>,
) {
  const plan = planArrivals(schedule, CORPUS.length);
  const result = await sendSchedule({
    baseUrl: target.baseUrl,
    api: API,
    corpus: CORPUS,
    schedule,
    plan,
    maxInFlight: 64,
    timeoutMs: 10_000,
    pool,
  });
  const summary = summarizeWindow(result, { latencySloMs: 1000 });
  return { p95: summary.latencyMs?.p95 ?? NaN, latenciesMs: summary.latenciesMs };
}

async function measureSequentialMs(target: ServeTarget, texts: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const started = performance.now();
    const body = API.buildBody(CORPUS.slice(i, i + texts));
    await fetch(`${target.baseUrl}/embed`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    times.push(performance.now() - started);
  }
  return computeMedian(times.slice(5));
}

const sd = (values: number[]) => Math.sqrt(computeSampleVariance(values));
const formatLoad = () =>
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`;

interface Duet {
  sides: Record<'base' | 'head', ServeTarget>;
  pools: Record<'base' | 'head', ReturnType<typeof createServePool>>;
}

interface Plan {
  shares: number[];
  rounds: number;
  durationSeconds: number;
  textsPerRequest: number;
}

/** One rate's rounds, each a window pair on one schedule (order alternating), and the SDs it prints. */
async function measureRate(duet: Duet, plan: Plan, ratePerSecond: number, share: number): Promise<void> {
  const ratios: number[] = [];
  const baseLogs: number[] = [];
  const pairs: PooledRoundPair[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    const schedule: ScheduleRequest = {
      ratePerSecond,
      durationSeconds: plan.durationSeconds,
      arrivals: { kind: 'poisson' },
      seed: 1000 + round,
      textsPerRequest: plan.textsPerRequest,
    };
    const order = round % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const);
    const p95 = { base: NaN, head: NaN };
    const latencies: Record<'base' | 'head', number[]> = { base: [], head: [] };
    for (const side of order) {
      const measured = await measureP95(duet.sides[side], schedule, duet.pools[side]);
      p95[side] = measured.p95;
      latencies[side] = measured.latenciesMs;
    }
    if (latencies.base.length > 0 && latencies.head.length > 0) pairs.push({ round, ...latencies });
    ratios.push(Math.log(p95.head / p95.base));
    baseLogs.push(Math.log(p95.base));
    console.log(
      `  ${ratePerSecond}/s round ${round}: base p95 ${p95.base.toFixed(1)} ms, head ${p95.head.toFixed(1)} ms`,
    );
  }
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  console.log(
    `${share} × sequential rate (${ratePerSecond}/s): SD of ln(head/base) ${percent(sd(ratios))}, mean ${percent(computeMean(ratios))}; SD of ln(base p95) ${percent(sd(baseLogs))}`,
  );
  const pooled = inferPooledP95(pairs, { replicates: 500, seed: 1 }).inference;
  const finite = ratios.filter((x) => Number.isFinite(x));
  for (const [name, inference] of [
    ['per-round t', inferPaired(finite)],
    ['pooled requests', pooled],
  ] as const)
    console.log(`  ${name}: ${describeMethod(inference)}`);
}

/** A p95 method's estimate, SE and smallest detectable growth at the thresholds 0.30 and 0.10. */
function describeMethod(inference: LogRatioInference): string {
  if (inference.kind === 'undetermined') return `undetermined (${inference.reason})`;
  const interval = toChangeInterval(inference, 0.95);
  const mdc = (threshold: number) => {
    const change = computeDetectableChange(interval, threshold);
    return change === null ? 'n/a' : `${(change * 100).toFixed(1)} %`;
  };
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  return `estimate ${percent(Math.expm1(inference.logEstimate))}, SE ${percent(inference.standardError)}, smallest detectable growth ${mdc(0.3)} (0.30) / ${mdc(0.1)} (0.10)`;
}

function readPlan(): Plan {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '8' },
      'window-seconds': { type: 'string', default: '5' },
      texts: { type: 'string', default: '8' },
      shares: { type: 'string', default: '0.4,0.8' },
    },
  });
  return {
    shares: values.shares.split(',').map(Number),
    rounds: Number(values.rounds),
    durationSeconds: Number(values['window-seconds']),
    textsPerRequest: Number(values.texts),
  };
}

async function main(): Promise<void> {
  const plan = readPlan();
  const start = () =>
    startServeCommand({
      command: createReferenceCommand(['--threads', '1']),
      cwd: process.cwd(),
      readyPath: '/health',
      readyTimeoutMs: 120_000,
    });
  const sides = { base: await start(), head: await start() };
  const pools = {
    base: createServePool(sides.base.baseUrl, 64),
    head: createServePool(sides.head.baseUrl, 64),
  };
  try {
    const sequentialMs = Math.max(
      await measureSequentialMs(sides.base, plan.textsPerRequest),
      await measureSequentialMs(sides.head, plan.textsPerRequest),
    );
    console.log(
      `${formatLoad()}; sequential ${sequentialMs.toFixed(1)} ms per request of ${plan.textsPerRequest} texts`,
    );
    for (const share of plan.shares) {
      await measureRate({ sides, pools }, plan, Math.round((1000 / sequentialMs) * share * 10) / 10, share);
    }
    console.log(formatLoad());
  } finally {
    await Promise.all([pools.base.close(), pools.head.close()]);
    await Promise.all([sides.base.stop(), sides.head.stop()]);
  }
}

await main();

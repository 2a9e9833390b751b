/**
 * The bench's `serve` row: how fast the open-loop load generator keeps its schedule. Against an instant
 * loopback server in a child process, Poisson windows of ~3 s at rising rates (until the generator sends
 * under 90 % of the plan); the row reports the highest rate held (sent rate ≥ 97 % of the planned rate, no
 * errors, scheduling error p99 ≤ 1 ms), with the scheduling error p50/p99 per rate and the machine's load.
 * Issue #21's target: ≥ 5,000 requests/s.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { GROUP_SPAWN_OPTIONS, trackProcessGroup } from '../src/ground/platform/process-group.js';
import { planArrivals } from '../src/measure/serve/plan-arrivals.js';
import { prepareServeApi } from '../src/measure/serve/serve-api.js';
import { createServePool, sendSchedule } from '../src/measure/serve/send-schedule.js';
import type { ScheduleRequest } from '../src/measure/serve/serve-types.js';
import { summarizeWindow, type WindowSummary } from '../src/measure/serve/summarize-window.js';
import {
  DEFAULT_WAIT_PRECISION,
  YIELD_FROM_RATE,
  type WaitPrecision,
} from '../src/measure/serve/wait-until.js';

const RATES = [1000, 2500, 5000, 7500, 10_000, 15_000, 20_000];
const WINDOW_SECONDS = 3;
const MAX_IN_FLIGHT = 256;
const TARGET_RATE = 5000;
const SCHEDULING_P99_LIMIT_MS = 1;
const CORPUS = Array.from({ length: 64 }, (_, i) => `bench text ${i}: the quick brown fox`);
const API = prepareServeApi({ kind: 'tei', path: '/embed' });

async function startInstantServer(): Promise<{ baseUrl: string; stop: () => void }> {
  const script = fileURLToPath(new URL('./instant-server.js', import.meta.url));
  const child = spawn(process.execPath, [script], {
    ...GROUP_SPAWN_OPTIONS,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const group = trackProcessGroup(child);
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const { port } = JSON.parse(line.toString('utf8')) as { port: number };
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => group.end() };
}

interface RateResult {
  summary: WindowSummary;
  /** The generator's CPU time (user + system) over the window's wall time: 1 = one busy core. */
  cpuShare: number;
}

async function measureRate(
  baseUrl: string,
  rate: number,
  seconds: number,
  precision?: WaitPrecision,
): Promise<RateResult> {
  const schedule: ScheduleRequest = {
    ratePerSecond: rate,
    durationSeconds: seconds,
    arrivals: { kind: 'poisson' },
    seed: rate,
    textsPerRequest: 1,
  };
  const pool = createServePool(baseUrl, MAX_IN_FLIGHT);
  try {
    const plan = planArrivals(schedule, CORPUS.length);
    const common = { baseUrl, api: API, corpus: CORPUS, maxInFlight: MAX_IN_FLIGHT, timeoutMs: 5000, pool };
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const result = await sendSchedule({
      ...common,
      schedule,
      plan,
      ...(precision === undefined ? {} : { precision }),
    });
    const cpu = process.cpuUsage(cpuBefore);
    const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
    return { summary: summarizeWindow(result, { latencySloMs: 10 }), cpuShare };
  } finally {
    await pool.destroy();
  }
}

function holds(summary: WindowSummary, rate: number): boolean {
  const p99 = summary.schedulingErrorMs?.p99 ?? Number.POSITIVE_INFINITY;
  return (
    summary.errorRate === 0 && summary.sentRatePerSecond >= 0.97 * rate && p99 <= SCHEDULING_P99_LIMIT_MS
  );
}

function describe(rate: number, { summary, cpuShare }: RateResult): string {
  const scheduling = summary.schedulingErrorMs;
  const latency = summary.latencyMs;
  return (
    `  ${String(rate).padStart(6)}/s planned ${summary.sentRatePerSecond.toFixed(0).padStart(6)}/s sent ` +
    `${summary.achievedRatePerSecond.toFixed(0).padStart(6)}/s answered  ` +
    `scheduling error p50 ${scheduling?.p50.toFixed(3) ?? '-'} ms p99 ${scheduling?.p99.toFixed(3) ?? '-'} ms  ` +
    `latency p50 ${latency?.p50.toFixed(2) ?? '-'} p99 ${latency?.p99.toFixed(2) ?? '-'} ms  ` +
    `errors ${(summary.errorRate * 100).toFixed(1)} %  capped ${summary.cappedRequests}  ` +
    `generator CPU ${(cpuShare * 100).toFixed(0)} %`
  );
}

const WAIT_VARIANTS: WaitPrecision[] = [
  { wakeEarlyMs: 2, fineWait: 'nap' },
  { wakeEarlyMs: 2, fineWait: 'yield' },
  { wakeEarlyMs: 0, fineWait: 'nap' },
];

/** The generator's precision and CPU per way of waiting at a moderate rate. */
async function compareWaits(baseUrl: string): Promise<void> {
  console.log('  at 200/s, per way of waiting (default: the first):');
  for (const precision of WAIT_VARIANTS) {
    const result = await measureRate(baseUrl, 200, WINDOW_SECONDS, precision);
    console.log(`${describe(200, result)}  (${describePrecision(precision)})`);
  }
}

function describePrecision(precision: WaitPrecision): string {
  return `${precision.fineWait}, timer ${precision.wakeEarlyMs} ms early`;
}

/** Rising rates until the generator sends under 90 % of the plan; returns the highest rate held. */
async function climbRates(baseUrl: string, precision?: WaitPrecision): Promise<number> {
  const way =
    precision === undefined
      ? `by rate (default): nap below ${YIELD_FROM_RATE}/s, then yield`
      : describePrecision(precision);
  console.log(`  waiting: ${way}`);
  let best = 0;
  for (const rate of RATES) {
    const result = await measureRate(baseUrl, rate, WINDOW_SECONDS, precision);
    const held = holds(result.summary, rate);
    console.log(`${describe(rate, result)}  ${held ? 'held' : 'not held'}`);
    if (held) best = rate;
    // a busy machine can miss the 1 ms bound at one rate and keep it at the next
    if (result.summary.sentRatePerSecond < 0.9 * rate) break;
  }
  const verdict = best >= TARGET_RATE ? '✓' : '✗';
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  console.log(`  highest rate held: ${best}/s ${verdict} target ≥ ${TARGET_RATE}/s (load average ${load})`);
  return best;
}

/** Runs the serve row; returns the highest rate held with the default way of waiting. */
export async function runServeBench(): Promise<number> {
  const server = await startInstantServer();
  try {
    await measureRate(server.baseUrl, 1000, 1); // warm-up: JIT, connections
    console.log(
      `\nserve: open-loop load generator vs an instant loopback server (Poisson, ${WINDOW_SECONDS} s windows)`,
    );
    const best = await climbRates(server.baseUrl);
    await climbRates(server.baseUrl, DEFAULT_WAIT_PRECISION);
    await compareWaits(server.baseUrl);
    return best;
  } finally {
    server.stop();
  }
}

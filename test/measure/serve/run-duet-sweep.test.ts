// Runs beside other files: it loads two servers of known capacity (the head half as fast) with automatic rates, and two
// whose answers are late or prompt by phase. It asserts the duet's wiring — each side probed alone, one ladder
// over both brackets, measured on both sides, extended on both — never where a knee lies or which side is faster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareServeSweeps } from '../../../src/decide/compare/compare-serve.js';
import { runDuetSweep } from '../../../src/measure/serve/run-duet-sweep.js';
import { prepareServeApi } from '../../../src/measure/serve/serve-api.js';
import {
  serveSweepSchema,
  type ServePlan,
  type ServeSweep,
} from '../../../src/measure/serve/serve-profile-schema.js';
import { startCapacityServer } from './capacity-server.js';
import { answerOpenAi, startEmbeddingServer } from './embedding-server.js';

const CORPUS = Array.from({ length: 30 }, (_, i) => `text ${i}`);

const PLAN: ServePlan = {
  arrivals: 'poisson',
  seed: 11,
  windowSeconds: 0.5,
  rounds: 2,
  latencySloMs: 120,
  sloQuantile: 'p95',
  maxErrorRate: 0.01,
  maxInFlight: 128,
  requestTimeoutMs: 3000,
  rates: 'auto',
  referenceRatePerSecond: 15,
};

const ratesOf = (sweep: ServeSweep, phase: 'probe' | 'ladder') =>
  sweep.rates.filter((rate) => rate.phase === phase);

test('automatic rates: each side probed alone, one ladder spanning both brackets, measured on both sides', async (t) => {
  const base = await startCapacityServer(t, 10);
  const head = await startCapacityServer(t, 20);
  const lines: string[] = [];
  const warnings: Record<string, string[]> = { base: [], head: [], both: [] };
  const duet = await runDuetSweep({
    base: { baseUrl: base.baseUrl, onWarning: (text) => warnings.base?.push(text) },
    head: { baseUrl: head.baseUrl, onWarning: (text) => warnings.head?.push(text) },
    api: prepareServeApi({ kind: 'openai', path: '/v1/embeddings', model: 'fixture' }),
    corpus: CORPUS,
    plan: PLAN,
    textsPerRequest: 1,
    ladderSize: 3,
    drainMs: 100,
    probeLimits: { minRatePerSecond: 5, maxRatePerSecond: 1000 },
    onProgress: (line) => lines.push(line),
    onWarning: (text) => warnings.both?.push(text),
  });
  const sweeps = { base: serveSweepSchema.parse(duet.base), head: serveSweepSchema.parse(duet.head) };
  const probes = lines.filter((line) => / probe /.test(` ${line}`)).map((line) => line.split(' ')[0]);
  assert.ok(probes.length >= 4, lines.join('\n'));
  const firstHead = probes.indexOf('head');
  assert.ok(
    firstHead > 0 && probes.slice(firstHead).every((side) => side === 'head'),
    'the base probes, then the head',
  );
  const ladder = ratesOf(sweeps.base, 'ladder').map((rate) => rate.ratePerSecond);
  assert.deepEqual(
    ratesOf(sweeps.head, 'ladder').map((rate) => rate.ratePerSecond),
    ladder,
    'one ladder',
  );
  for (const sweep of [sweeps.base, sweeps.head]) {
    const within = ratesOf(sweep, 'probe')
      .filter((rate) => rate.withinSlo)
      .map((rate) => rate.ratePerSecond);
    const beyond = ratesOf(sweep, 'probe')
      .filter((rate) => !rate.withinSlo)
      .map((rate) => rate.ratePerSecond);
    if (within.length > 0)
      assert.ok((ladder[0] ?? Infinity) < Math.max(...within), `${ladder} starts below ${within}`);
    if (beyond.length > 0)
      assert.ok((ladder.at(-1) ?? 0) > Math.min(...beyond), `${ladder} ends above ${beyond}`);
    assert.ok(ladder.includes(15), 'the reference rate is on the ladder');
  }
  const comparison = compareServeSweeps(duet.base, duet.head, {
    latencySloMs: PLAN.latencySloMs,
    sloQuantile: 'p95',
  });
  assert.deepEqual(comparison.sweeps[0]?.rates, ladder);
});

test('a side whose ladder stays within the objective extends the ladder on both sides, each rate alternating its first side', async (t) => {
  // Both servers answer late (beyond the objective) until the ladder starts; then the head answers at once, so
  // its ladder never crosses: the extension rates are measured on both sides, in as many rounds as the ladder.
  let ladderStarted = false;
  const late = (texts: string[]) => ({ ...answerOpenAi(texts), delayMs: 300 });
  const base = await startEmbeddingServer(t, late);
  const head = await startEmbeddingServer(t, (texts) => (ladderStarted ? answerOpenAi(texts) : late(texts)));
  const lines: string[] = [];
  const duet = await runDuetSweep({
    base: { baseUrl: base.origin },
    head: { baseUrl: head.origin },
    api: prepareServeApi({ kind: 'openai', path: '/v1/embeddings', model: 'fixture' }),
    corpus: CORPUS,
    plan: { ...PLAN, windowSeconds: 0.2, latencySloMs: 100, referenceRatePerSecond: null },
    textsPerRequest: 1,
    ladderSize: 2,
    warmupRequests: 1,
    drainMs: 20,
    probeLimits: { minRatePerSecond: 5, maxRatePerSecond: 40 },
    onProgress: (line) => {
      ladderStarted ||= line.startsWith('[');
      lines.push(line);
    },
  });
  const ladder = (sweep: ServeSweep) =>
    ratesOf(sweep, 'ladder').map((r) => [r.ratePerSecond, r.windows.length]);
  assert.deepEqual(
    ladder(duet.base),
    [
      [5, 2],
      [10, 2],
      [20, 2],
      [40, 2],
    ],
    lines.join('\n'),
  );
  assert.deepEqual(ladder(duet.head), ladder(duet.base));
  const extension = lines
    .filter((line) => line.startsWith('[+'))
    .map((line) => line.replace(/ \(\d+s\)$/, ''));
  assert.deepEqual(extension, [
    '[+1] 20 req/s, round 1, base',
    '[+1] 20 req/s, round 1, head',
    '[+1] 20 req/s, round 2, head',
    '[+1] 20 req/s, round 2, base',
    // the fourth rate measured starts on the other side than the third
    '[+2] 40 req/s, round 1, head',
    '[+2] 40 req/s, round 1, base',
    '[+2] 40 req/s, round 2, base',
    '[+2] 40 req/s, round 2, head',
  ]);
});

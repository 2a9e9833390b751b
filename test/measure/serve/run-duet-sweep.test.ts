// Runs alone: it loads two servers of known capacity (the head half as fast) with automatic rates. It asserts
// the duet's wiring — each side probed alone, one ladder over both brackets, measured on both sides — never
// where a knee lies or which side is faster.
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

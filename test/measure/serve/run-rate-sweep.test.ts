// Runs alone: its sweeps load a server of known capacity on a schedule (it asserts where the knee lies, with a
// generous band, never a speed of the generator).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRateSweep, type RateSweepRequest } from '../../../src/measure/serve/run-rate-sweep.js';
import { prepareServeApi } from '../../../src/measure/serve/serve-api.js';
import { serveSweepSchema, type ServePlan } from '../../../src/measure/serve/serve-profile-schema.js';
import { startCapacityServer } from './capacity-server.js';
import { startEmbeddingServer } from './embedding-server.js';

// 10 ms per request: one worker serves 100 requests/s at most (about 87 with its HTTP overhead). The objective,
// 6 service times, leaves room for the scheduling noise of a loaded two-core machine (tens of ms at the tail)
// while M/D/1 puts the knee near 70 % of capacity; a window of 1 s is long enough for a queue just above
// capacity to break the objective (its backlog grows by (utilisation − 1) × 1 s). The knee lies in a wide band for the
// same noise: 0.4–1.0 × capacity.
const SERVICE_MS = 10;
const CAPACITY = 1000 / SERVICE_MS;
const CORPUS = Array.from({ length: 30 }, (_, i) => `text ${i} ${'word '.repeat(i % 7)}`);

const PLAN: ServePlan = {
  arrivals: 'poisson',
  seed: 21,
  windowSeconds: 1,
  rounds: 3,
  latencySloMs: 6 * SERVICE_MS,
  sloQuantile: 'p95',
  maxErrorRate: 0.01,
  maxInFlight: 256,
  requestTimeoutMs: 3000,
  rates: 'auto',
  referenceRatePerSecond: null,
};

function sweepRequest(baseUrl: string, plan: Partial<ServePlan>, extra: Partial<RateSweepRequest> = {}) {
  const lines: string[] = [];
  const warnings: string[] = [];
  const request: RateSweepRequest = {
    baseUrl,
    api: prepareServeApi({ kind: 'openai', path: '/v1/embeddings', model: 'fixture' }),
    corpus: CORPUS,
    plan: { ...PLAN, ...plan },
    textsPerRequest: 2,
    drainMs: 100,
    probeLimits: { minRatePerSecond: 20, maxRatePerSecond: 2000 },
    onProgress: (line) => lines.push(line),
    onWarning: (text) => warnings.push(text),
    ...extra,
  };
  return { request, lines, warnings };
}

test('a server of known capacity: the knee lies within 0.4 to 1 times its capacity, its interval within the ladder', async (t) => {
  const server = await startCapacityServer(t, SERVICE_MS);
  const { request, lines } = sweepRequest(server.baseUrl, { referenceRatePerSecond: 40 }, { ladderSize: 4 });
  const sweep = serveSweepSchema.parse(await runRateSweep(request));
  const knee = sweep.knee;
  const curve = sweep.rates.map(
    (r) => `${r.phase} ${r.ratePerSecond}: p95 ${r.latencyMs?.p95.value.toFixed(1)}`,
  );
  assert.equal(knee.kind, 'found', curve.join('; '));
  if (knee.kind === 'found') {
    t.diagnostic(
      `knee ${knee.ratePerSecond.toFixed(1)} (${knee.low.toFixed(1)}–${knee.high.toFixed(1)}) req/s; ${curve.join('; ')}`,
    );
  }
  assert.ok(knee.kind === 'found');
  const described = `knee ${knee.ratePerSecond.toFixed(0)} (${knee.low.toFixed(0)}–${knee.high.toFixed(0)}) req/s; ${curve.join('; ')}`;
  assert.ok(knee.ratePerSecond >= 0.4 * CAPACITY && knee.ratePerSecond <= CAPACITY, described);
  // the interval holds the rounds' drift as well (round-knee-interval.ts): its width is the machine's to decide,
  // but it holds the knee and stays within the ladder's rates
  const ladderRates = sweep.rates.filter((r) => r.phase === 'ladder').map((r) => r.ratePerSecond);
  assert.ok(knee.low <= knee.ratePerSecond && knee.ratePerSecond <= knee.high, described);
  assert.ok(knee.low >= Math.min(...ladderRates) && knee.high <= Math.max(...ladderRates), described);
  assert.ok(knee.bracket.within < knee.ratePerSecond && knee.ratePerSecond <= knee.bracket.beyond);
  // the probe bracketed it, the ladder measured every rate in every round, the rates ascend
  const probe = sweep.rates.filter((r) => r.phase === 'probe');
  const ladder = sweep.rates.filter((r) => r.phase === 'ladder');
  assert.ok(probe.some((r) => r.withinSlo) && probe.some((r) => !r.withinSlo));
  assert.ok(ladder.length >= 4 && ladder.every((r) => r.windows.length === PLAN.rounds));
  assert.deepEqual(
    ladder.map((r) => r.windows.map((w) => w.round).sort()),
    ladder.map(() => [0, 1, 2]),
  );
  const rates = sweep.rates.map((r) => r.ratePerSecond);
  assert.deepEqual(
    rates,
    [...rates].sort((a, b) => a - b),
  );
  // the reference rate was measured as a ladder rate: far below capacity, its p95 is within the objective
  assert.ok(ladder.some((r) => r.ratePerSecond === 40));
  assert.equal(sweep.reference?.ratePerSecond, 40);
  assert.ok((sweep.reference?.p95Ms.value ?? Infinity) < PLAN.latencySloMs);
  // windows never overlap: each starts after the previous one's length
  const starts = sweep.rates.flatMap((r) => r.windows.map((w) => w.startedAtMs)).sort((a, b) => a - b);
  assert.ok(starts.slice(1).every((s, i) => s - (starts[i] as number) >= PLAN.windowSeconds * 1000));
  const ladderLines = lines.filter((line) => line.startsWith('['));
  assert.equal(ladderLines.length, ladder.length * PLAN.rounds);
  assert.match(ladderLines[ladderLines.length - 1] ?? '', /^\[(\d+)\/\1\] [\d.]+ req\/s, round 3 \(\d+s\)$/);
  assert.ok(lines.some((line) => /^probe [\d.]+ req\/s: p95 [\d.]+ ms, [\d.]+ % errors, beyond$/.test(line)));
});

test('explicit rates below capacity: no probe, the knee above the highest; a budget keeps one round', async (t) => {
  const server = await startCapacityServer(t, SERVICE_MS);
  // one connection: requests due while one is open wait for it (the server has one worker anyway)
  const { request, lines, warnings } = sweepRequest(
    server.baseUrl,
    { rates: [20, 30, 40], rounds: 3, maxInFlight: 1 },
    { budgetSeconds: 1, countTokens: (text) => text.split(' ').length },
  );
  const sweep = await runRateSweep(request);
  assert.deepEqual(sweep.knee, { kind: 'above-highest', highestRatePerSecond: 40 });
  assert.deepEqual(
    sweep.rates.map((r) => [r.phase, r.ratePerSecond, r.windows.length, r.withinSlo]),
    [
      ['ladder', 20, 1, true],
      ['ladder', 30, 1, true],
      ['ladder', 40, 1, true],
    ],
  );
  assert.ok(!lines.some((line) => line.startsWith('probe')));
  assert.equal(warnings[0], 'measured 1 of 3 rounds: the next would exceed the budget of 1 s');
  const capped = sweep.rates.find((r) => r.ratePerSecond === 40)?.windows[0]?.cappedRequests ?? 0;
  assert.ok(capped > 0, 'at 40 req/s some requests were due while one was open');
  assert.ok(
    warnings.includes(
      `at 40 req/s (ladder), ${capped} requests waited for the concurrency cap of 1: their latency includes the wait; raise the cap (maxInFlight) unless the client is meant to limit the load`,
    ),
    warnings.join('\n'),
  );
  assert.ok(sweep.rates.every((r) => (r.tokensPerSecond ?? 0) > 0 && r.errorRate === 0));
  assert.equal(
    warnings[warnings.length - 1],
    'every rate up to 40 req/s kept p95 ≤ 60 ms and errors ≤ 1 %: the knee lies above; measure higher rates to find it',
  );
});

test('a server that fails every request: the knee below the lowest rate, the errors counted per window', async (t) => {
  const server = await startEmbeddingServer(t, () => ({ kind: 'reply', status: 500, body: 'overloaded' }));
  const { request, warnings } = sweepRequest(server.origin, { rounds: 1 }, { ladderSize: 3 });
  const sweep = serveSweepSchema.parse(await runRateSweep(request));
  assert.deepEqual(sweep.knee, { kind: 'below-lowest', lowestRatePerSecond: 20 });
  assert.deepEqual(warnings, [
    'no rate down to 20 req/s kept p95 ≤ 60 ms and errors ≤ 1 %: the knee lies below, if anywhere; measure lower rates to find it',
  ]);
  assert.ok(sweep.rates.every((r) => !r.withinSlo && r.latencyMs === null && r.errorRate === 1));
  const windows = sweep.rates.flatMap((r) => r.windows);
  assert.ok(windows.every((w) => w.errors['http-5xx'] === w.planned && w.succeeded === 0));
  assert.ok(windows.reduce((sum, w) => sum + w.planned, 0) > 20, 'the windows sent their requests');
  // the warm-up failed too, so the probe began at the min rate, failed there, and stopped
  assert.deepEqual(
    sweep.rates.filter((r) => r.phase === 'probe').map((r) => r.ratePerSecond),
    [20],
  );
  assert.deepEqual(
    sweep.rates.filter((r) => r.phase === 'ladder').map((r) => r.ratePerSecond),
    [20, 28.3, 40],
  );
});

test('shouldStop ends the sweep before the next window, with what was measured', async (t) => {
  const server = await startEmbeddingServer(t, () => ({ kind: 'reply', status: 500, body: 'dying' }));
  const asked: number[] = [];
  const { request, lines } = sweepRequest(server.origin, { rounds: 2 }, { ladderSize: 3 });
  // the probe's window (line 1) and the ladder's first (line 2) are measured; then the caller says stop
  request.shouldStop = () => {
    asked.push(lines.length);
    return lines.length >= 2;
  };
  const sweep = serveSweepSchema.parse(await runRateSweep(request));
  assert.deepEqual(
    sweep.rates.map((r) => [r.phase, r.windows.length]),
    [
      ['probe', 1],
      ['ladder', 1],
    ],
    'the probe’s window at the min rate, then one ladder window (whichever rate the round drew first)',
  );
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.equal(asked[asked.length - 1], 2, 'asked once more after the second window, which said stop');
  assert.equal(sweep.knee.kind, 'below-lowest');
});

// Runs alone: its windows keep to a schedule (though it asserts no speed, only what each window holds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildWindowSchedule,
  measureServeWindow,
  type ServeWindowRequest,
} from '../../../src/measure/serve/measure-serve-window.js';
import { planArrivals } from '../../../src/measure/serve/plan-arrivals.js';
import { prepareServeApi } from '../../../src/measure/serve/serve-api.js';
import { createServePool } from '../../../src/measure/serve/send-schedule.js';
import { answerTei, startEmbeddingServer, type Answer } from './embedding-server.js';
import { PLAN } from './synthetic-windows.js';

const CORPUS = Array.from({ length: 25 }, (_, i) => `${'w '.repeat(i + 1)}end`);
const countWords = (text: string): number => text.split(' ').length;

function windowRequest(baseUrl: string, extra: Partial<ServeWindowRequest> = {}): ServeWindowRequest {
  return {
    baseUrl,
    api: prepareServeApi({ kind: 'tei', path: '/embed' }),
    corpus: CORPUS,
    plan: { ...PLAN, windowSeconds: 0.3 },
    textsPerRequest: 3,
    ratePerSecond: 100,
    round: 1,
    runStartMs: performance.now(),
    ...extra,
  };
}

test('base and head at the same rate and round get the same schedule; another round, another one', async (t) => {
  const base = await startEmbeddingServer(t, answerTei);
  const head = await startEmbeddingServer(t, answerTei);
  const a = await measureServeWindow(windowRequest(base.origin));
  const b = await measureServeWindow(windowRequest(head.origin));
  assert.equal(a.window.planned, b.window.planned);
  assert.ok(a.window.planned > 10);
  const sorted = (received: string[][]): string[] => received.map((texts) => texts.join('|')).sort();
  assert.deepEqual(sorted(base.received), sorted(head.received), 'the same texts in the same requests');
  const schedule = (round: number, rate = 100, seed = PLAN.seed) =>
    planArrivals(buildWindowSchedule({ ...PLAN, seed, windowSeconds: 0.3 }, 3, rate, round), CORPUS.length);
  assert.deepEqual(schedule(1), schedule(1));
  assert.equal(schedule(1).length, a.window.planned);
  assert.notDeepEqual(schedule(2), schedule(1));
  assert.notDeepEqual(schedule(1, 100, PLAN.seed + 1), schedule(1));
  assert.notDeepEqual(schedule(1, 101).slice(0, 5), schedule(1).slice(0, 5));
});

test('a window’s figures, its successful latencies and their tokens; failures only counted', async (t) => {
  // every third request fails with a 503
  const server = await startEmbeddingServer(t, (texts, n): Answer =>
    n % 3 === 2 ? { kind: 'reply', status: 503, body: 'busy' } : answerTei(texts),
  );
  const pool = createServePool(server.origin, PLAN.maxInFlight);
  t.after(() => pool.destroy());
  const runStartMs = performance.now() - 1000;
  const measured = await measureServeWindow(
    windowRequest(server.origin, { pool, countTokens: countWords, runStartMs }),
  );
  const { window } = measured;
  assert.equal(window.round, 1);
  assert.ok(window.startedAtMs >= 1000, 'counted from the run’s start');
  assert.equal(window.planned, server.received.length);
  assert.equal(window.errors['http-5xx'], Math.floor(window.planned / 3));
  assert.equal(window.succeeded, window.planned - window.errors['http-5xx']);
  assert.equal(measured.latenciesMs.length, window.succeeded);
  assert.deepEqual(
    window.latenciesMs,
    measured.latenciesMs.map((ms) => Math.round(ms * 1000) / 1000),
    'the window keeps its successes’ latencies for serve-profile.json',
  );
  assert.ok(measured.latenciesMs.every((ms) => ms > 0 && ms < PLAN.requestTimeoutMs));
  assert.ok(window.latencyMs !== null && window.latencyMs.p50 <= window.latencyMs.p99);
  // tokens of the texts of the requests that succeeded (the server saw them in arrival order)
  const answered = server.received.filter((_, n) => n % 3 !== 2);
  const words = answered.flat().reduce((sum, text) => sum + countWords(text), 0);
  assert.equal(measured.tokens, words);
  const without = await measureServeWindow(windowRequest(server.origin, { pool }));
  assert.equal(without.tokens, null, 'no counter, no tokens');
});

test('a server that is not there: every request a connection error, no latencies, no crash', async (t) => {
  const server = await startEmbeddingServer(t, answerTei);
  await server.close();
  const measured = await measureServeWindow(windowRequest(server.origin, { countTokens: countWords }));
  assert.ok(measured.window.planned > 0);
  assert.equal(measured.window.errors.connection, measured.window.planned);
  assert.equal(measured.window.errorRate, 1);
  assert.deepEqual(measured.latenciesMs, []);
  assert.equal(measured.window.latencyMs, null);
  assert.equal(measured.tokens, 0);
});

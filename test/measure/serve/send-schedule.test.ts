// Runs alone: its windows keep to a schedule (though it asserts no speed, only what a stall or a cap does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planArrivals } from '../../../src/measure/serve/plan-arrivals.js';
import { prepareServeApi } from '../../../src/measure/serve/serve-api.js';
import type { ScheduleRequest } from '../../../src/measure/serve/serve-types.js';
import { createServePool, sendSchedule } from '../../../src/measure/serve/send-schedule.js';
import { answerOpenAi, answerTei, startEmbeddingServer, type Answer } from './embedding-server.js';
import { CORPUS, runWindow } from './run-window.js';

test('an instant server: every planned request leaves once, at or after its due time, with its texts', async (t) => {
  const server = await startEmbeddingServer(t, answerTei);
  const schedule = {
    arrivals: { kind: 'poisson' as const },
    ratePerSecond: 200,
    durationSeconds: 0.3,
    seed: 3,
  };
  const plan = planArrivals({ ...schedule, textsPerRequest: 2 }, CORPUS.length);
  const result = await runWindow(server.origin, { schedule, plan });
  assert.equal(result.records.length, plan.length);
  assert.equal(result.cappedRequests, 0);
  result.records.forEach((record, i) => {
    assert.equal(record.error, null);
    assert.equal(record.status, 200);
    assert.equal(record.dueMs, plan[i]?.dueMs);
    assert.ok(record.sentMs >= record.dueMs && record.doneMs >= record.sentMs);
    assert.equal(record.latencyMs, record.doneMs - record.dueMs);
    assert.equal(record.texts, 2);
  });
  const sentTexts = plan.map((p) => p.textIndices.map((i) => CORPUS[i]).join('|')).sort();
  assert.deepEqual(server.received.map((texts) => texts.join('|')).sort(), sentTexts);
});

test('the OpenAI API under a base URL with a path prefix', async (t) => {
  const server = await startEmbeddingServer(t, answerOpenAi);
  const api = { kind: 'openai' as const, path: '/v1/embeddings', model: 'm' };
  const result = await runWindow(`${server.origin}/api/`, { api });
  assert.ok(result.records.length === 10 && result.records.every((r) => r.error === null));
  assert.deepEqual(server.requestLines, Array<string>(10).fill('POST /api/v1/embeddings'));
});

test('no coordinated omission: requests due while the server stalls leave on time and carry the stall', async (t) => {
  let stallUntil = 0;
  const server = await startEmbeddingServer(t, (texts, n): Answer => {
    if (n === 20) stallUntil = performance.now() + 200;
    const answer = answerTei(texts);
    const wait = stallUntil - performance.now();
    return answer.kind === 'reply' && wait > 0 ? { ...answer, delayMs: wait } : answer;
  });
  // one request every 10 ms for 0.6 s: the stall holds the answers of about 20 of them
  const result = await runWindow(server.origin, { schedule: { ratePerSecond: 100, durationSeconds: 0.6 } });
  assert.equal(result.records.length, 60);
  assert.equal(server.received.length, 60, 'every planned request reached the server, none dropped');
  assert.ok(result.records.every((r) => r.error === null));
  const stalled = result.records.filter((r) => r.latencyMs >= 50);
  assert.ok(stalled.length >= 10, `${stalled.length} requests carry the stall`);
  const worst = Math.max(...result.records.map((r) => r.latencyMs));
  assert.ok(worst >= 190, `the first stalled request waited ${worst} ms`);
  // they left at their due times, spread over the stall, not one after another's answer
  const sent = stalled.map((r) => r.sentMs);
  assert.ok(Math.max(...sent) - Math.min(...sent) >= 80, 'the stalled requests left over the stall');
  // and the ones due later in the stall wait less: latency counts from due, answers end together
  const first = stalled[0];
  const last = stalled[stalled.length - 1];
  assert.ok(first !== undefined && last !== undefined && first.latencyMs > last.latencyMs);
});

test('the concurrency cap: at most maxInFlight open, the rest wait and are counted', async (t) => {
  const server = await startEmbeddingServer(t, (texts) => ({ ...answerTei(texts), delayMs: 60 }) as Answer);
  const result = await runWindow(server.origin, {
    schedule: { ratePerSecond: 100, durationSeconds: 0.2 },
    maxInFlight: 2,
  });
  assert.equal(result.maxInFlight, 2);
  assert.ok(server.maxOpen() <= 2, `${server.maxOpen()} requests were open at once`);
  assert.ok(result.cappedRequests >= 5, `${result.cappedRequests} capped`);
  assert.ok(result.records.every((r) => r.error === null));
  // 20 requests, two at a time, 60 ms each: the last waits for the others, and its latency shows it
  const last = result.records[result.records.length - 1];
  assert.ok(last !== undefined && last.latencyMs >= 300 && last.sentMs - last.dueMs >= 200);
});

test('a request still waiting for the cap at its deadline is not-sent', async (t) => {
  const server = await startEmbeddingServer(t, () => ({ kind: 'hang' }));
  const plan = [0, 0, 0].map((dueMs) => ({ dueMs, textIndices: [0] }));
  const result = await runWindow(server.origin, { plan, maxInFlight: 1, timeoutMs: 150 });
  assert.deepEqual(
    result.records.map((r) => r.error),
    ['timeout', 'not-sent', 'not-sent'],
  );
  assert.equal(result.cappedRequests, 2);
  assert.equal(server.received.length, 1);
  assert.ok(result.records.every((r) => r.latencyMs >= 150 && r.status === null));
});

test('a pool kept across windows serves both, and a template API sends its own body', async (t) => {
  const server = await startEmbeddingServer(t, answerTei);
  const api = prepareServeApi({
    kind: 'template',
    path: '/embed',
    body: '{"inputs": "{{texts}}", "truncate": true}',
  });
  const pool = createServePool(server.origin, 4);
  t.after(() => pool.destroy());
  const schedule: ScheduleRequest = {
    ratePerSecond: 50,
    durationSeconds: 0.1,
    arrivals: { kind: 'constant' },
    seed: 1,
    textsPerRequest: 3,
  };
  const plan = planArrivals(schedule, CORPUS.length);
  const common = {
    baseUrl: server.origin,
    api,
    corpus: CORPUS,
    schedule,
    plan,
    maxInFlight: 4,
    timeoutMs: 2000,
    pool,
  };
  const first = await sendSchedule(common);
  const second = await sendSchedule(common);
  assert.equal(pool.destroyed, false);
  for (const result of [first, second]) {
    assert.deepEqual(
      result.records.map((r) => [r.error, r.texts]),
      [
        [null, 3],
        [null, 3],
        [null, 3],
        [null, 3],
        [null, 3],
      ],
    );
  }
  assert.deepEqual(server.received.slice(0, 5), server.received.slice(5));
  assert.equal(server.received[0]?.length, 3);
});

// Errors are data: each failure the server or the network causes is a record of its kind, never a throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { RequestErrorKind } from '../../../src/measure/serve/serve-types.js';
import { answerTei, startEmbeddingServer, type Answer } from './embedding-server.js';
import { runWindow } from './run-window.js';

function countKinds(errors: (RequestErrorKind | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const error of errors) counts[error ?? 'ok'] = (counts[error ?? 'ok'] ?? 0) + 1;
  return counts;
}

test('500s and 404s are http-5xx and http-4xx with their status; the others succeed', async (t) => {
  const server = await startEmbeddingServer(t, (texts, n): Answer => {
    if (n % 3 === 0) return { kind: 'reply', status: 500, body: 'boom' };
    if (n % 3 === 1) return { kind: 'reply', status: 404, body: '{"error":"no route"}' };
    return answerTei(texts);
  });
  const result = await runWindow(server.origin, {
    maxInFlight: 1,
    schedule: { ratePerSecond: 60, durationSeconds: 0.1 },
  });
  assert.deepEqual(
    result.records.map((r) => [r.status, r.error]),
    [
      [500, 'http-5xx'],
      [404, 'http-4xx'],
      [200, null],
      [500, 'http-5xx'],
      [404, 'http-4xx'],
      [200, null],
    ],
  );
});

test('a reset connection and a refused one are connection errors', async (t) => {
  const server = await startEmbeddingServer(t, (texts, n): Answer =>
    n % 2 === 0 ? { kind: 'reset' } : answerTei(texts),
  );
  const result = await runWindow(server.origin, { maxInFlight: 1 });
  const kinds = countKinds(result.records.map((r) => r.error));
  assert.equal(kinds.connection, 5);
  assert.equal(kinds.ok, 5);
  // a port nobody listens on
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  assert.ok(address !== null && typeof address === 'object');
  const refused = await runWindow(`http://127.0.0.1:${address.port}`);
  assert.ok(
    refused.records.length === 10 &&
      refused.records.every((r) => r.error === 'connection' && r.status === null),
  );
});

test('a non-JSON body, the wrong shape and the wrong number of embeddings are malformed', async (t) => {
  const server = await startEmbeddingServer(t, (texts, n): Answer => {
    const bodies = [
      '<html>busy</html>',
      '{"embeddings": []}',
      JSON.stringify([[1, 2]]),
      JSON.stringify(texts.map(() => [1])),
    ];
    return { kind: 'reply', status: 200, body: bodies[n % 4] ?? '' };
  });
  const result = await runWindow(server.origin, { maxInFlight: 1, schedule: { durationSeconds: 0.08 } });
  assert.deepEqual(
    result.records.map((r) => r.error),
    ['malformed', 'malformed', 'malformed', null],
  );
  assert.ok(result.records.every((r) => r.status === 200));
});

test('no answer within the timeout is a timeout, measured from the due time', async (t) => {
  const server = await startEmbeddingServer(t, (texts, n): Answer =>
    n === 1 ? { kind: 'hang' } : answerTei(texts),
  );
  const result = await runWindow(server.origin, { timeoutMs: 120, schedule: { durationSeconds: 0.06 } });
  assert.deepEqual(
    result.records.map((r) => r.error),
    [null, 'timeout', null],
  );
  const timedOut = result.records[1];
  assert.ok(timedOut !== undefined && timedOut.latencyMs >= 120 && timedOut.status === null);
});

test("TEI's timing headers are kept on successful records", async (t) => {
  const headers = {
    'x-queue-time': '2',
    'x-tokenization-time': '1',
    'x-inference-time': '5',
    'x-compute-time': '8',
  };
  const server = await startEmbeddingServer(t, (texts) => ({ ...answerTei(texts), headers }) as Answer);
  const result = await runWindow(server.origin, { schedule: { durationSeconds: 0.04 } });
  assert.deepEqual(
    result.records.map((r) => r.serverTiming),
    [
      { queueMs: 2, tokenizationMs: 1, inferenceMs: 5, computeMs: 8 },
      { queueMs: 2, tokenizationMs: 1, inferenceMs: 5, computeMs: 8 },
    ],
  );
});

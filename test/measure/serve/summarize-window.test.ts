import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveWindowSchema } from '../../../src/measure/serve/serve-profile-schema.js';
import { summarizeWindow } from '../../../src/measure/serve/summarize-window.js';
import type {
  RequestErrorKind,
  RequestRecord,
  WindowResult,
} from '../../../src/measure/serve/serve-types.js';

function record(
  dueMs: number,
  lateMs: number,
  latencyMs: number,
  error: RequestErrorKind | null = null,
): RequestRecord {
  return {
    dueMs,
    sentMs: dueMs + lateMs,
    doneMs: dueMs + latencyMs,
    latencyMs,
    status: error === null ? 200 : null,
    error,
    texts: 1,
    serverTiming: null,
  };
}

function windowOf(records: RequestRecord[], durationSeconds = 1, cappedRequests = 0): WindowResult {
  const arrivals = { kind: 'constant' as const };
  const schedule = { ratePerSecond: records.length, durationSeconds, arrivals, seed: 1, textsPerRequest: 1 };
  return { schedule, records, cappedRequests, maxInFlight: 8 };
}

test('rates, goodput and latency quantiles of a window of 100 successes', () => {
  // latencies 1..100 ms, due every 10 ms, each sent 0.1·i ms late
  const records = Array.from({ length: 100 }, (_, i) => record(i * 10, i / 10, i + 1));
  const summary = summarizeWindow(windowOf(records), { latencySloMs: 50 });
  assert.equal(summary.planned, 100);
  assert.equal(summary.succeeded, 100);
  assert.equal(summary.sentRatePerSecond, 100);
  // the last answer comes at 990 + 100 ms: the span is 1.09 s, not the planned 1 s
  assert.ok(Math.abs(summary.achievedRatePerSecond - 100 / 1.09) < 1e-9);
  assert.ok(Math.abs(summary.goodputPerSecond - 50 / 1.09) < 1e-9);
  assert.deepEqual(summary.latencyMs, { p50: 50.5, p95: 95.05, p99: 99.01 });
  assert.deepEqual(summary.latenciesMs.slice(0, 3), [1, 2, 3]);
  assert.equal(summary.latenciesMs.length, 100);
  assert.ok(summary.schedulingErrorMs !== null);
  assert.ok(Math.abs(summary.schedulingErrorMs.p50 - 4.95) < 1e-9);
  assert.ok(Math.abs(summary.schedulingErrorMs.p99 - 9.801) < 1e-9);
  assert.equal(summary.errorRate, 0);
  assert.equal(summary.serverTimingMs, null);
});

test('errors are counted per kind and left out of latency; not-sent out of scheduling error', () => {
  const records = [
    record(0, 0, 5),
    record(10, 0, 7),
    record(20, 0, 3000, 'timeout'),
    record(30, 0, 1, 'http-5xx'),
    record(40, 0, 1, 'http-5xx'),
    record(50, 500, 500, 'not-sent'),
  ];
  const summary = summarizeWindow(windowOf(records, 2, 3), { latencySloMs: 6 });
  assert.deepEqual(summary.errors, {
    timeout: 1,
    'http-4xx': 0,
    'http-5xx': 2,
    connection: 0,
    malformed: 0,
    'not-sent': 1,
  });
  assert.equal(summary.errorRate, 4 / 6);
  assert.equal(summary.sent, 5);
  assert.equal(summary.sentRatePerSecond, 2.5);
  assert.deepEqual(summary.latencyMs, { p50: 6, p95: 6.9, p99: 6.98 });
  assert.deepEqual(summary.latenciesMs, [5, 7], 'the successes only, in record order');
  assert.deepEqual(summary.schedulingErrorMs, { p50: 0, p99: 0 });
  assert.equal(summary.goodputPerSecond, 1 / 3.02);
  assert.equal(summary.cappedRequests, 3);
});

test('server timing medians over the records that carry it; an empty or failed window has no quantiles', () => {
  const timed = (queueMs: number): RequestRecord => ({
    ...record(0, 0, 10),
    serverTiming: { queueMs, tokenizationMs: 1, inferenceMs: 4, computeMs: queueMs + 5 },
  });
  const summary = summarizeWindow(windowOf([timed(1), timed(3), timed(8), record(5, 0, 9)]), {
    latencySloMs: 100,
  });
  assert.deepEqual(summary.serverTimingMs, { queue: 3, tokenization: 1, inference: 4, compute: 8 });
  const failed = summarizeWindow(windowOf([record(0, 0, 1, 'connection')]), { latencySloMs: 100 });
  assert.equal(failed.latencyMs, null);
  assert.deepEqual(failed.latenciesMs, []);
  const fine = summarizeWindow(windowOf([record(0, 0, 1.23456789)]), { latencySloMs: 100 });
  assert.deepEqual(fine.latenciesMs, [1.235], 'rounded to the µs');
  assert.equal(failed.errorRate, 1);
  const empty = summarizeWindow(windowOf([]), { latencySloMs: 100 });
  assert.equal(empty.latencyMs, null);
  assert.equal(empty.schedulingErrorMs, null);
  assert.equal(empty.errorRate, 0);
  assert.equal(empty.achievedRatePerSecond, 0);
});

test('serve-profile.json windows keep their latencies; a window written before them still parses', () => {
  const summary = summarizeWindow(windowOf([record(0, 0, 4), record(10, 0, 6)]), { latencySloMs: 100 });
  const window = { round: 0, startedAtMs: 0, ...summary };
  assert.deepEqual(serveWindowSchema.parse(window).latenciesMs, [4, 6]);
  const legacy: Partial<typeof window> = { ...window };
  delete legacy.latenciesMs;
  assert.equal(serveWindowSchema.parse(legacy).latenciesMs, undefined);
  assert.throws(() => serveWindowSchema.parse({ ...window, latenciesMs: [-1] }));
});

/**
 * One window's figures from its records: rates, errors per kind, latency and scheduling-error quantiles,
 * goodput for a latency objective, and TEI's server-side split when it sent one.
 *
 * Latency quantiles are over the requests that succeeded (errors are counted per kind instead; a rate sweep
 * limits the error rate separately). Latency counts from the due time, so a request the generator sent late
 * or that waited for the concurrency cap carries that wait.
 */
import { computeMedian, computeQuantile } from '../../ground/stats/index.js';
import type { RequestErrorKind, RequestRecord, WindowResult } from './serve-types.js';

export interface WindowSummary {
  planned: number;
  /** Requests that left (all but `not-sent`). */
  sent: number;
  succeeded: number;
  /** Requests that left per second of the window's planned duration. */
  sentRatePerSecond: number;
  /** Successful answers per second of the span from the window's start to the last answer (≥ its duration). */
  achievedRatePerSecond: number;
  /** Successful answers within the latency objective per second of that span. */
  goodputPerSecond: number;
  errors: Record<RequestErrorKind, number>;
  /** Failed requests / planned requests (0 for an empty window). */
  errorRate: number;
  /** Over successful requests; null when none succeeded. */
  latencyMs: { p50: number; p95: number; p99: number } | null;
  /** Each successful request's latency in record (due) order, rounded to the µs: serve-profile.json keeps them. */
  latenciesMs: number[];
  /** sentMs − dueMs over the requests that left (includes waits for the cap); null when none left. */
  schedulingErrorMs: { p50: number; p99: number } | null;
  cappedRequests: number;
  /** Medians of TEI's timing headers over the successful requests that had them; null when none did. */
  serverTimingMs: { queue: number; tokenization: number; inference: number; compute: number } | null;
}

export interface SummaryOptions {
  latencySloMs: number;
}

const ERROR_KINDS: readonly RequestErrorKind[] = [
  'timeout',
  'http-4xx',
  'http-5xx',
  'connection',
  'malformed',
  'not-sent',
];

/** The window's figures. */
export function summarizeWindow(result: WindowResult, options: SummaryOptions): WindowSummary {
  const records = result.records;
  const succeeded = records.filter((r) => r.error === null);
  const sent = records.filter((r) => r.error !== 'not-sent');
  const durationSeconds = result.schedule.durationSeconds;
  const lastDoneMs = records.reduce((latest, r) => Math.max(latest, r.doneMs), 0);
  const spanSeconds = Math.max(durationSeconds, lastDoneMs / 1000);
  const withinSlo = succeeded.filter((r) => r.latencyMs <= options.latencySloMs).length;
  const failed = records.length - succeeded.length;
  return {
    planned: records.length,
    sent: sent.length,
    succeeded: succeeded.length,
    sentRatePerSecond: sent.length / durationSeconds,
    achievedRatePerSecond: succeeded.length / spanSeconds,
    goodputPerSecond: withinSlo / spanSeconds,
    errors: countErrors(records),
    errorRate: records.length === 0 ? 0 : failed / records.length,
    latencyMs: summarizeLatency(succeeded),
    latenciesMs: succeeded.map((r) => Math.round(r.latencyMs * 1000) / 1000),
    schedulingErrorMs: summarizeSchedulingError(sent),
    cappedRequests: result.cappedRequests,
    serverTimingMs: summarizeServerTiming(succeeded),
  };
}

function countErrors(records: readonly RequestRecord[]): Record<RequestErrorKind, number> {
  const counts = Object.fromEntries(ERROR_KINDS.map((kind) => [kind, 0])) as Record<RequestErrorKind, number>;
  for (const record of records) if (record.error !== null) counts[record.error] += 1;
  return counts;
}

function summarizeLatency(succeeded: readonly RequestRecord[]): WindowSummary['latencyMs'] {
  if (succeeded.length === 0) return null;
  const latencies = succeeded.map((r) => r.latencyMs);
  return {
    p50: computeQuantile(latencies, 0.5),
    p95: computeQuantile(latencies, 0.95),
    p99: computeQuantile(latencies, 0.99),
  };
}

function summarizeSchedulingError(sent: readonly RequestRecord[]): WindowSummary['schedulingErrorMs'] {
  if (sent.length === 0) return null;
  const lateness = sent.map((r) => r.sentMs - r.dueMs);
  return { p50: computeQuantile(lateness, 0.5), p99: computeQuantile(lateness, 0.99) };
}

function summarizeServerTiming(succeeded: readonly RequestRecord[]): WindowSummary['serverTimingMs'] {
  const timings = succeeded.flatMap((r) => (r.serverTiming === null ? [] : [r.serverTiming]));
  if (timings.length === 0) return null;
  return {
    queue: computeMedian(timings.map((t) => t.queueMs)),
    tokenization: computeMedian(timings.map((t) => t.tokenizationMs)),
    inference: computeMedian(timings.map((t) => t.inferenceMs)),
    compute: computeMedian(timings.map((t) => t.computeMs)),
  };
}

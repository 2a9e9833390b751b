/**
 * The open-loop load generator: sends one window's planned requests at their due times, whatever the
 * latency of earlier ones (no coordinated omission: a request is never held back because the server is slow,
 * and its latency counts from when it was due, not from when it left).
 *
 * At most `maxInFlight` requests are open at once (undici Pool with that many connections, one request each).
 * A request due while the cap is full waits for a free connection (`cappedRequests` counts it) and still
 * measures from its due time; one still waiting at its deadline (due + timeout) is recorded as `not-sent`.
 *
 * Timing: wait-until.ts waits for each due time (a timer, then event-loop turns with or without naps).
 * Every request whose time has come leaves in that turn.
 */
import { Pool } from 'undici';
import type { PreparedApi } from './serve-api.js';
import type { PlannedRequest, RequestRecord, ScheduleRequest, WindowResult } from './serve-types.js';
import { recordNotSent, sendRequest } from './send-request.js';
import { choosePrecision, waitUntil, type WaitPrecision } from './wait-until.js';

export interface WindowSending {
  /** The server's base URL (scheme, host, port, and an optional path prefix before the API's path). */
  baseUrl: string;
  api: PreparedApi;
  corpus: readonly string[];
  schedule: ScheduleRequest;
  /** planArrivals(schedule, corpus.length). */
  plan: readonly PlannedRequest[];
  maxInFlight: number;
  /** From a request's due time to giving it up as `timeout` (or `not-sent`). */
  timeoutMs: number;
  /** A pool from createServePool (same cap) kept open across windows; by default one per window. */
  pool?: Pool;
  /** How each due time is waited for (default: choosePrecision of the schedule's rate). */
  precision?: WaitPrecision;
}

/** A pool for one server with `maxInFlight` connections; timeouts are the generator's, not undici's. */
export function createServePool(baseUrl: string, maxInFlight: number): Pool {
  if (!(Number.isInteger(maxInFlight) && maxInFlight >= 1)) {
    throw new RangeError(`maxInFlight is ${maxInFlight}: expected an integer ≥ 1`);
  }
  return new Pool(new URL(baseUrl).origin, {
    connections: maxInFlight,
    pipelining: 1,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}

/** Sends the window's plan on schedule; resolves when every request has ended. Network errors are records. */
export async function sendSchedule(sending: WindowSending): Promise<WindowResult> {
  const pool = sending.pool ?? createServePool(sending.baseUrl, sending.maxInFlight);
  try {
    const { records, cappedRequests } = await runWindow(sending, pool);
    return { schedule: sending.schedule, records, cappedRequests, maxInFlight: sending.maxInFlight };
  } finally {
    if (sending.pool === undefined) await pool.destroy().catch(() => undefined);
  }
}

/** The API's path under the base URL's path prefix. */
export function joinPath(baseUrl: string, apiPath: string): string {
  const prefix = new URL(baseUrl).pathname.replace(/\/+$/, '');
  return `${prefix}${apiPath.startsWith('/') ? apiPath : `/${apiPath}`}`;
}

/** Offers each request to the dispatcher at its due time; then waits for all of them to end. */
async function runWindow(sending: WindowSending, pool: Pool) {
  const plan = sending.plan;
  const windowStartMs = performance.now();
  const dispatcher = createDispatcher(sending, pool, windowStartMs);
  const precision = sending.precision ?? choosePrecision(sending.schedule.ratePerSecond);
  let next = 0;
  while (next < plan.length) {
    await waitUntil(windowStartMs + (plan[next] as PlannedRequest).dueMs, precision);
    const now = performance.now();
    for (; next < plan.length && windowStartMs + (plan[next] as PlannedRequest).dueMs <= now; next++) {
      dispatcher.offer(next, now);
    }
  }
  return dispatcher.finish();
}

interface Dispatcher {
  /** The request `index` is due: it leaves now, or waits for the cap. */
  offer(index: number, now: number): void;
  /** Resolves once every offered request has ended. */
  finish(): Promise<{ records: RequestRecord[]; cappedRequests: number }>;
}

/** Keeps at most maxInFlight requests open; a waiting request gets the next free connection, in due order. */
function createDispatcher(sending: WindowSending, pool: Pool, windowStartMs: number): Dispatcher {
  const { plan, maxInFlight, timeoutMs } = sending;
  const path = joinPath(sending.baseUrl, sending.api.api.path);
  const records = new Array<RequestRecord>(plan.length);
  const waiting: number[] = [];
  let waitingHead = 0;
  let inFlight = 0;
  let cappedRequests = 0;
  const ended: Promise<void>[] = [];
  const deadlineOf = (planned: PlannedRequest): number => windowStartMs + planned.dueMs + timeoutMs;

  const launch = (index: number, now: number): void => {
    const planned = plan[index] as PlannedRequest;
    const texts = planned.textIndices.map((i) => sending.corpus[i] ?? '');
    const request = { pool, path, api: sending.api, texts, windowStartMs, dueMs: planned.dueMs };
    inFlight++;
    const sent = sendRequest({ ...request, sentAt: now, deadlineAt: deadlineOf(planned) });
    ended.push(sent.then((record) => void (records[index] = record)).finally(release));
  };
  // a freed connection goes to the longest-waiting request still within its deadline
  const release = (): void => {
    inFlight--;
    const now = performance.now();
    while (inFlight < maxInFlight && waitingHead < waiting.length) {
      const index = waiting[waitingHead++] as number;
      const planned = plan[index] as PlannedRequest;
      if (deadlineOf(planned) > now) launch(index, now);
      else records[index] = recordNotSent(planned.dueMs, planned.textIndices.length, windowStartMs, now);
    }
  };
  const offer = (index: number, now: number): void => {
    if (inFlight < maxInFlight && waitingHead === waiting.length) return launch(index, now);
    cappedRequests++;
    waiting.push(index);
  };
  const finish = async () => {
    await settle(ended);
    return { records, cappedRequests };
  };
  return { offer, finish };
}

/** Waits for every request, including those launched while waiting (a freed connection starts the next). */
async function settle(ended: Promise<void>[]): Promise<void> {
  let settled = 0;
  while (settled < ended.length) {
    const batch = ended.slice(settled);
    await Promise.all(batch);
    settled += batch.length;
  }
}

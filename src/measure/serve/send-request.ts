/**
 * One request of a window: POST the body, read the whole answer, check it, and say what happened as a
 * RequestRecord. Every failure the network or the server can cause (refused, reset, closed mid-body, a
 * timeout, an error status, a body of the wrong shape) ends up in the record; this never rejects.
 */
import type { Dispatcher, Pool } from 'undici';
import {
  checkEmbeddingsBody,
  parseServerTiming,
  type PreparedApi,
  type ResponseHeaders,
} from './serve-api.js';
import type { RequestErrorKind, RequestRecord } from './serve-types.js';

/** Where and how one request goes. All times are performance.now() values; the record's are relative. */
export interface RequestSending {
  pool: Pool;
  path: string;
  api: PreparedApi;
  texts: readonly string[];
  /** The window's start (performance.now()): the record's times are ms after it. */
  windowStartMs: number;
  dueMs: number;
  /** When the request leaves (performance.now()). */
  sentAt: number;
  /** When it is given up as a timeout (performance.now()). */
  deadlineAt: number;
}

interface Outcome {
  status: number | null;
  error: RequestErrorKind | null;
  doneAt: number;
  serverTiming: RequestRecord['serverTiming'];
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/** Sends the request now and resolves with its record once it is answered, failed or timed out. */
export async function sendRequest(sending: RequestSending): Promise<RequestRecord> {
  const outcome = await exchange(sending);
  const { windowStartMs, dueMs } = sending;
  const doneMs = outcome.doneAt - windowStartMs;
  return {
    dueMs,
    sentMs: sending.sentAt - windowStartMs,
    doneMs,
    latencyMs: doneMs - dueMs,
    status: outcome.status,
    error: outcome.error,
    texts: sending.texts.length,
    serverTiming: outcome.serverTiming,
  };
}

/**
 * The exchange through undici's handler interface (no stream or AbortController per request: far less garbage,
 * so fewer collector pauses in the generator's loop). The timer ends it as a timeout whatever undici is doing
 * (connecting, writing, reading), and aborts the request if it has started.
 */
function exchange(sending: RequestSending): Promise<Outcome> {
  return new Promise((resolve) => {
    let status: number | null = null;
    let headers: ResponseHeaders = {};
    const chunks: Buffer[] = [];
    let controller: Dispatcher.DispatchController | null = null;
    let settled = false;
    const finish = (
      error: RequestErrorKind | null,
      timing: Outcome['serverTiming'] = null,
      doneAt = performance.now(),
    ) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ status, error, doneAt, serverTiming: timing });
    };
    // Node's timers may fire up to ~1 ms early on performance.now()'s clock: re-armed until the deadline
    const onDeadline = (): void => {
      const leftMs = sending.deadlineAt - performance.now();
      if (leftMs > 0) return void (timer = setTimeout(onDeadline, leftMs));
      finish('timeout');
      controller?.abort(new Error('embedprof: request timed out'));
    };
    let timer = setTimeout(onDeadline, Math.max(0, sending.deadlineAt - performance.now()));
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: (started) => {
        controller = started;
        if (settled) started.abort(new Error('embedprof: request timed out'));
      },
      onResponseStart: (_c, statusCode, responseHeaders) => {
        status = statusCode;
        headers = responseHeaders;
      },
      onResponseData: (_c, chunk) => void chunks.push(chunk),
      onResponseEnd: () => {
        // the answer is in when its last byte is: checking it is the generator's time, not the server's
        const doneAt = performance.now();
        if (settled || status === null) return finish('connection');
        const error = classifyAnswer(sending, status, Buffer.concat(chunks).toString('utf8'));
        finish(error, error === null ? parseServerTiming(headers) : null, doneAt);
      },
      // refused, reset, closed mid-body (or our own abort after the timeout, already settled)
      onResponseError: () => finish('connection'),
    };
    dispatchSafely(sending, handler, () => finish('connection'));
  });
}

/** pool.dispatch throws synchronously on a destroyed pool or a bad request: a connection failure here. */
function dispatchSafely(
  sending: RequestSending,
  handler: Dispatcher.DispatchHandler,
  fail: () => void,
): void {
  try {
    const body = sending.api.buildBody(sending.texts);
    sending.pool.dispatch({ path: sending.path, method: 'POST', headers: JSON_HEADERS, body }, handler);
  } catch {
    fail();
  }
}

/** An error status by its class; a 2xx whose body is not one embedding per text, or any other status, malformed. */
function classifyAnswer(sending: RequestSending, status: number, bodyText: string): RequestErrorKind | null {
  if (status >= 500) return 'http-5xx';
  if (status >= 400) return 'http-4xx';
  if (status < 200 || status >= 300) return 'malformed';
  return checkEmbeddingsBody(sending.api.api, bodyText, sending.texts.length) ? null : 'malformed';
}

/** The record of a request that never left: the cap stayed full past its deadline. */
export function recordNotSent(
  dueMs: number,
  texts: number,
  windowStartMs: number,
  now: number,
): RequestRecord {
  const doneMs = now - windowStartMs;
  return {
    dueMs,
    sentMs: doneMs,
    doneMs,
    latencyMs: doneMs - dueMs,
    status: null,
    error: 'not-sent',
    texts,
    serverTiming: null,
  };
}

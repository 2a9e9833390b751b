/**
 * One request of a window: POST the body, read the whole answer, check it, and say what happened as a
 * RequestRecord. Every failure the network or the server can cause (refused, reset, closed mid-body, a
 * timeout, an error status, a body of the wrong shape) ends up in the record; this never rejects.
 */
import type { Pool } from 'undici';
import { checkEmbeddingsBody, parseServerTiming, type PreparedApi } from './serve-api.js';
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

async function exchange(sending: RequestSending): Promise<Outcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, sending.deadlineAt - performance.now()));
  let status: number | null = null;
  try {
    const response = await sending.pool.request({
      path: sending.path,
      method: 'POST',
      headers: JSON_HEADERS,
      body: sending.api.buildBody(sending.texts),
      signal: controller.signal,
    });
    status = response.statusCode;
    const bodyText = await response.body.text();
    const doneAt = performance.now();
    const error = classifyAnswer(sending, status, bodyText);
    const serverTiming = error === null ? parseServerTiming(response.headers) : null;
    return { status, error, doneAt, serverTiming };
  } catch {
    // our own abort is the timeout; anything else undici rejects with is the connection's failure
    const error: RequestErrorKind = controller.signal.aborted ? 'timeout' : 'connection';
    return { status, error, doneAt: performance.now(), serverTiming: null };
  } finally {
    clearTimeout(timer);
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

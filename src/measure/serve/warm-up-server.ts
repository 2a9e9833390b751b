/**
 * The sweep's warm-up: a few requests one after another (each sent when the previous one has ended), so that
 * the server's lazy work (first inference, connection set-up, JIT) happens before any window, and so that the
 * probe can start from the latency of a single client: 1000 / median latency is the rate one sequential client
 * reaches, and a quarter of it is well below any server's knee.
 *
 * Each request is a one-request window through the load generator (same pool, API, timeout and error handling);
 * failures are data here too: only the successful requests' latencies are returned.
 */
import type { Pool } from 'undici';
import type { PreparedApi } from './serve-api.js';
import type { ServePlan } from './serve-profile-schema.js';
import type { PlannedRequest, ScheduleRequest } from './serve-types.js';
import { sendSchedule } from './send-schedule.js';

export interface WarmUpRequest {
  baseUrl: string;
  api: PreparedApi;
  corpus: readonly string[];
  plan: ServePlan;
  textsPerRequest: number;
  pool: Pool;
  /** How many sequential requests (0 skips the warm-up). */
  requests: number;
}

/** Sends the requests one by one; the latencies (ms) of those that succeeded. */
export async function warmUpServer(request: WarmUpRequest): Promise<number[]> {
  const { plan, corpus, textsPerRequest } = request;
  const schedule: ScheduleRequest = {
    ratePerSecond: 1,
    durationSeconds: plan.requestTimeoutMs / 1000,
    arrivals: { kind: 'constant' },
    seed: plan.seed,
    textsPerRequest,
  };
  const latencies: number[] = [];
  for (let i = 0; i < request.requests; i++) {
    // consecutive texts from a different start each time: the warm-up sees several text lengths
    const first = (i * textsPerRequest) % corpus.length;
    const textIndices = Array.from({ length: textsPerRequest }, (_, k) => (first + k) % corpus.length);
    const planned: PlannedRequest[] = [{ dueMs: 0, textIndices }];
    const result = await sendSchedule({
      baseUrl: request.baseUrl,
      api: request.api,
      corpus,
      schedule,
      plan: planned,
      maxInFlight: plan.maxInFlight,
      timeoutMs: plan.requestTimeoutMs,
      pool: request.pool,
    });
    for (const record of result.records) if (record.error === null) latencies.push(record.latencyMs);
  }
  return latencies;
}

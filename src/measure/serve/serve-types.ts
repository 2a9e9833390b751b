/**
 * The contract between the parts of serving under load (issue #21): the load generator (send-schedule.ts),
 * the server target (serve-target.ts), the API adapters (serve-api.ts) and the rate sweep (the core's
 * serve profile). Every time is in milliseconds on performance.now()'s clock unless named otherwise.
 */

/** Which HTTP API the server speaks. */
export type ServeApi =
  | { kind: 'openai'; path: string; model: string | null } // POST /v1/embeddings {input, model}
  | { kind: 'tei'; path: string } // POST /embed {inputs}
  | { kind: 'template'; path: string; body: string }; // a JSON body with "{{texts}}" (a JSON array) in it

/** When each request is due: open loop, fixed before the first request, the same for base and head. */
export type ArrivalProcess = { kind: 'poisson' } | { kind: 'constant' };

export interface ScheduleRequest {
  ratePerSecond: number;
  durationSeconds: number;
  arrivals: ArrivalProcess;
  seed: number;
  /** Texts per request (one point of the texts-per-request sweep). */
  textsPerRequest: number;
}

/** One planned request: when it is due (ms after the window's start) and which corpus texts it carries. */
export interface PlannedRequest {
  dueMs: number;
  textIndices: number[];
}

export type RequestErrorKind =
  | 'timeout'
  | 'http-4xx'
  | 'http-5xx'
  | 'connection' // reset, refused, closed mid-body
  | 'malformed' // not JSON, or not the API's shape, or a wrong number of embeddings
  | 'not-sent'; // the concurrency cap was full past the request's timeout

/** What happened to one planned request. Latency counts from dueMs (no coordinated omission). */
export interface RequestRecord {
  dueMs: number;
  /** When it actually left; sentMs − dueMs is the scheduling error. */
  sentMs: number;
  doneMs: number;
  /** doneMs − dueMs. */
  latencyMs: number;
  status: number | null;
  error: RequestErrorKind | null;
  texts: number;
  /** TEI's timing headers when the server sent them (ms), else null. */
  serverTiming: { queueMs: number; tokenizationMs: number; inferenceMs: number; computeMs: number } | null;
}

export interface WindowResult {
  schedule: ScheduleRequest;
  records: RequestRecord[];
  /** Requests that waited for a free connection because `maxInFlight` was reached. */
  cappedRequests: number;
  maxInFlight: number;
}

/** A server embedprof talks to: one it started (and stops, with its process group) or one given by URL. */
export interface ServeTarget {
  baseUrl: string;
  /** The server's process id when embedprof started it (for RSS over time), else null. */
  pid: number | null;
  /** ms from spawn to the first successful readiness probe, null for a given URL. */
  readyMs: number | null;
  /** The last lines the server wrote to stderr (for error messages), [] for a given URL. */
  readStderrTail(): string[];
  /** Whether a started server is still running (a given URL: true). */
  isAlive(): boolean;
  stop(): Promise<void>;
}

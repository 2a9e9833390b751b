/**
 * serve-profile.json: what `embedprof serve-profile` measured of an HTTP embedding server under open-loop load.
 * A rate sweep per texts-per-request value: every rate measured in several windows (rounds in a seeded order),
 * latency quantiles with intervals that hold window-to-window noise, and the knee — the highest rate within
 * the latency objective and the error limit — with its interval. Times are milliseconds, rates per second.
 * A file of its own, not a section of profile.json: a server run has none of profile.json's in-process parts
 * (calibration, graph, memory phases, hotspots), and one schema per format keeps an unknown file a clear error.
 */
import { z } from 'zod';
import { corpusInfoSchema, environmentSchema } from '../../ground/schema/profile-sections-schema.js';

export const SERVE_PROFILE_SCHEMA_VERSION = 1;

const ERROR_KINDS = ['timeout', 'http-4xx', 'http-5xx', 'connection', 'malformed', 'not-sent'] as const;

/** A point estimate with its 95 % interval. */
export const estimateSchema = z.object({ value: z.number(), low: z.number(), high: z.number() });
export type Estimate = z.infer<typeof estimateSchema>;

const quantilesSchema = z.object({ p50: z.number(), p95: z.number(), p99: z.number() });

/** One window at one rate: the figures of summarize-window.ts. */
export const serveWindowSchema = z.object({
  round: z.number().int().nonnegative(),
  startedAtMs: z.number().nonnegative().describe('ms from the start of the run to the window’s start'),
  planned: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  succeeded: z.number().int().nonnegative(),
  errors: z.record(z.enum(ERROR_KINDS), z.number().int().nonnegative()),
  errorRate: z.number().min(0).max(1),
  achievedRatePerSecond: z.number().nonnegative(),
  goodputPerSecond: z.number().nonnegative(),
  latencyMs: quantilesSchema.nullable().describe('over the successful requests; null when none succeeded'),
  schedulingErrorMs: z.object({ p50: z.number(), p99: z.number() }).nullable(),
  cappedRequests: z.number().int().nonnegative(),
  serverTimingMs: z
    .object({ queue: z.number(), tokenization: z.number(), inference: z.number(), compute: z.number() })
    .nullable()
    .describe('medians of TEI’s timing headers, when the server sent them'),
  latenciesMs: z
    .array(z.number().nonnegative())
    .optional()
    .describe(
      'latencies of the successful requests in due order (µs precision), for the serve comparison’s pooled p95; absent in files written before it',
    ),
});
export type ServeWindow = z.infer<typeof serveWindowSchema>;

export const serveRateSchema = z.object({
  ratePerSecond: z.number().positive(),
  phase: z
    .enum(['probe', 'ladder'])
    .describe('probe: the ramp that bracketed the knee; ladder: the rates measured in rounds'),
  windows: z.array(serveWindowSchema).min(1),
  latencyMs: z
    .object({ p50: estimateSchema, p95: estimateSchema, p99: estimateSchema })
    .nullable()
    .describe('over all windows’ successful requests; intervals from a bootstrap of windows, then requests'),
  errorRate: z.number().min(0).max(1),
  goodputPerSecond: z.number().nonnegative(),
  tokensPerSecond: z
    .number()
    .nonnegative()
    .nullable()
    .describe('tokens of the successful requests per second'),
  withinSlo: z
    .boolean()
    .describe('the objective’s quantile within the latency objective and the error rate within its limit'),
});
export type ServeRate = z.infer<typeof serveRateSchema>;

export const kneeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('found'),
    ratePerSecond: z.number().positive(),
    low: z.number().nonnegative(),
    high: z.number().positive(),
    /** The highest rate measured within the objective and the lowest measured beyond it. */
    bracket: z.object({ within: z.number().positive(), beyond: z.number().positive() }),
  }),
  z.object({ kind: z.literal('below-lowest'), lowestRatePerSecond: z.number().positive() }),
  z.object({ kind: z.literal('above-highest'), highestRatePerSecond: z.number().positive() }),
]);
export type Knee = z.infer<typeof kneeSchema>;

export const serveSweepSchema = z.object({
  textsPerRequest: z.number().int().positive(),
  rates: z.array(serveRateSchema).min(1).describe('ascending by rate'),
  knee: kneeSchema,
  reference: z
    .object({ ratePerSecond: z.number().positive(), p95Ms: estimateSchema })
    .nullable()
    .describe('p95 latency at the reference rate (the gate’s fixed-rate metric), when it was measured'),
});
export type ServeSweep = z.infer<typeof serveSweepSchema>;

export const servePlanSchema = z.object({
  arrivals: z.enum(['poisson', 'constant']),
  seed: z.number().int(),
  windowSeconds: z.number().positive(),
  rounds: z.number().int().positive(),
  latencySloMs: z.number().positive(),
  sloQuantile: z.enum(['p95', 'p99']),
  maxErrorRate: z.number().min(0).max(1),
  maxInFlight: z.number().int().positive(),
  requestTimeoutMs: z.number().positive(),
  rates: z.union([z.literal('auto'), z.array(z.number().positive()).min(1)]),
  referenceRatePerSecond: z.number().positive().nullable(),
});
export type ServePlan = z.infer<typeof servePlanSchema>;

export const serveTargetInfoSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), url: z.string() }),
  z.object({
    kind: z.literal('command'),
    command: z.string(),
    readyMs: z.number().nonnegative().describe('from spawn to the first 2xx readiness probe'),
    firstEmbeddingMs: z
      .number()
      .nonnegative()
      .nullable()
      .describe('from spawn to the first embedding answered'),
  }),
]);
export type ServeTargetInfo = z.infer<typeof serveTargetInfoSchema>;

export const serveProfileSchema = z.object({
  $schema: z.string().optional(),
  schemaVersion: z.literal(SERVE_PROFILE_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('embedprof'), version: z.string() }),
  createdAt: z.string(),
  wallSeconds: z.number().nonnegative(),
  environment: environmentSchema
    .omit({ onnxruntime: true, threads: true })
    .describe('the machine that sent the load (and ran the server, when started)'),
  commit: z.string().nullable(),
  settings: z.array(z.object({ key: z.string(), value: z.string(), source: z.string() })),
  target: serveTargetInfoSchema,
  api: z.object({
    kind: z.enum(['openai', 'tei', 'template']),
    path: z.string(),
    model: z.string().nullable(),
  }),
  corpus: corpusInfoSchema,
  plan: servePlanSchema,
  sweeps: z
    .array(serveSweepSchema)
    .describe('one per texts-per-request value measured (fewer when the server died)'),
  serverMemory: z
    .object({
      peakMB: z.number().nonnegative(),
      samples: z.array(z.object({ atMs: z.number().nonnegative(), rssMB: z.number().nonnegative() })),
    })
    .nullable()
    .describe('RSS of the started server’s process group over the run; null for a server given by URL'),
  warnings: z.array(z.string()),
});
export type ServeProfile = z.infer<typeof serveProfileSchema>;

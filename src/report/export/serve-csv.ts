/**
 * serve-profile.csv: one row per (texts per request, offered rate) of a serve profile, for spreadsheets and
 * notebooks. Not one of exporters.ts's documents (those are JSON documents of a Profile for other tools, with a
 * schema); it shares csv.ts's writing (RFC 4180 quoting, the formula guard). Full precision, times in ms,
 * rates per second, shares as fractions; an empty field where nothing was measured.
 */
import type { ServeProfile, ServeRate, ServeSweep } from '../../measure/serve/serve-profile-schema.js';
import { computeAchievedRate, summarizeServerTiming } from '../facts/serve-facts.js';
import type { CsvValue } from './csv.js';
import { renderCsv } from './csv.js';

export const SERVE_CSV_HEADER = [
  'texts_per_request',
  'rate_per_second',
  'phase',
  'windows',
  'achieved_per_second',
  'p50_ms',
  'p95_ms',
  'p95_low_ms',
  'p95_high_ms',
  'p99_ms',
  'error_rate',
  'goodput_per_second',
  'tokens_per_second',
  'within_slo',
  'capped_requests',
  'knee_per_second',
  'server_queue_ms',
  'server_tokenization_ms',
  'server_inference_ms',
];

/** The knee rate of the sweep on every row of it, empty when the knee lies outside the rates measured. */
function findKneeRate(sweep: ServeSweep): number | null {
  return sweep.knee.kind === 'found' ? sweep.knee.ratePerSecond : null;
}

function listRateRow(sweep: ServeSweep, rate: ServeRate): CsvValue[] {
  const latency = rate.latencyMs;
  const timing = summarizeServerTiming(rate);
  return [
    sweep.textsPerRequest,
    rate.ratePerSecond,
    rate.phase,
    rate.windows.length,
    computeAchievedRate(rate),
    latency?.p50.value ?? null,
    latency?.p95.value ?? null,
    latency?.p95.low ?? null,
    latency?.p95.high ?? null,
    latency?.p99.value ?? null,
    rate.errorRate,
    rate.goodputPerSecond,
    rate.tokensPerSecond,
    rate.withinSlo,
    rate.windows.reduce((sum, window) => sum + window.cappedRequests, 0),
    findKneeRate(sweep),
    timing?.queue ?? null,
    timing?.tokenization ?? null,
    timing?.inference ?? null,
  ];
}

export function renderServeCsv(profile: ServeProfile): string {
  const rows = profile.sweeps.flatMap((sweep) => sweep.rates.map((rate) => listRateRow(sweep, rate)));
  return renderCsv(SERVE_CSV_HEADER, rows);
}

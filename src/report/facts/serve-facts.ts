/**
 * The words of the serve reports (serve-profile.json): the knee of each sweep, the headline a reviewer reads
 * first ("Knee: 212 req/s (95 % CI 198–224) at p95 ≤ 100 ms, 8 texts per request"), the objective, whether a
 * rate met it and why not, and per-rate figures derived from its windows. Pure; every number is the report's
 * own wording (format-numbers.ts), and untrusted text (the target, the model) is left to each format.
 */
import { computeMean, computeMedian } from '../../ground/stats/descriptive.js';
import type {
  Knee,
  ServePlan,
  ServeProfile,
  ServeRate,
  ServeSweep,
} from '../../measure/serve/serve-profile-schema.js';
import {
  formatFixed,
  formatPlain,
  formatQuantity,
  formatShare,
  formatTimestamp,
} from '../text/format-numbers.js';
import type { VerdictTone } from './format-verdict.js';

/** "1 text per request", "8 texts per request". */
export function describeTextsPerRequest(texts: number): string {
  return `${formatFixed(texts)} ${texts === 1 ? 'text' : 'texts'} per request`;
}

/** "212 req/s". */
export function formatRate(ratePerSecond: number): string {
  return `${formatPlain(ratePerSecond)} req/s`;
}

/** "p95 ≤ 100 ms" (of a plan, or of a serve comparison's settings). */
export function describeLatencyObjective(plan: Pick<ServePlan, 'sloQuantile' | 'latencySloMs'>): string {
  return `${plan.sloQuantile} ≤ ${formatPlain(plan.latencySloMs)} ms`;
}

/** "p95 ≤ 100 ms and error rate ≤ 1.0 %". */
export function describeObjective(
  plan: Pick<ServePlan, 'sloQuantile' | 'latencySloMs' | 'maxErrorRate'>,
): string {
  return `${describeLatencyObjective(plan)} and error rate ≤ ${formatShare(plan.maxErrorRate)}`;
}

/** "212 req/s (95 % CI 198–224)", or where the knee lies outside the rates measured. */
export function describeKnee(knee: Knee): string {
  switch (knee.kind) {
    case 'found':
      return `${formatRate(knee.ratePerSecond)} (95 % CI ${formatPlain(knee.low)}–${formatPlain(knee.high)})`;
    case 'below-lowest':
      return `below the lowest rate measured (${formatRate(knee.lowestRatePerSecond)})`;
    case 'above-highest':
      return `above the highest rate measured (${formatRate(knee.highestRatePerSecond)})`;
  }
}

/** What the knee means for the objective, after describeKnee. */
function describeKneeMeaning(knee: Knee, plan: ServePlan): string {
  switch (knee.kind) {
    case 'found':
      return ` at ${describeLatencyObjective(plan)}`;
    case 'below-lowest':
      return `: the objective ${describeObjective(plan)} was missed at every rate`;
    case 'above-highest':
      return `: the objective ${describeObjective(plan)} was met at every rate`;
  }
}

function selectKneeTone(knee: Knee): VerdictTone {
  switch (knee.kind) {
    case 'found':
      return 'info';
    case 'below-lowest':
      return 'fail';
    case 'above-highest':
      return 'warn';
  }
}

export interface ServeHeadline {
  /**
   * The worst tone of the sweeps' knees: information when found (a profile gates nothing), a warning when above
   * every rate (the sweep did not reach it), a failure when below every rate (the objective was never met).
   */
  tone: VerdictTone;
  /** Trusted text (numbers and fixed words only). */
  text: string;
}

const TONE_ORDER: readonly VerdictTone[] = ['info', 'pass', 'warn', 'fail'];

/** One sweep: "Knee: 212 req/s (95 % CI 198–224) at p95 ≤ 100 ms, 8 texts per request"; several: one clause each. */
export function describeServeHeadline(profile: ServeProfile): ServeHeadline {
  const { plan, sweeps } = profile;
  const clauses = sweeps.map(
    (sweep) =>
      `${describeKnee(sweep.knee)}${describeKneeMeaning(sweep.knee, plan)}, ${describeTextsPerRequest(sweep.textsPerRequest)}`,
  );
  const tone = sweeps
    .map((sweep) => selectKneeTone(sweep.knee))
    .reduce((worst, next) => (TONE_ORDER.indexOf(next) > TONE_ORDER.indexOf(worst) ? next : worst), 'info');
  return { tone, text: `Knee: ${clauses.join('; ')}` };
}

/**
 * A server URL fit to publish: user name, password and query values (where API keys travel) become
 * "redacted". Any other text, or a URL with none of them, is returned as it is.
 */
export function redactUrl(text: string): string {
  if (!URL.canParse(text)) return text;
  const url = new URL(text);
  const keys = [...url.searchParams.keys()];
  if (url.username === '' && url.password === '' && keys.length === 0) return text;
  if (url.username !== '' || url.password !== '') [url.username, url.password] = ['redacted', ''];
  for (const key of keys) url.searchParams.set(key, 'redacted');
  return url.href;
}

/** The server a report names: its URL (redacted) or the command embedprof started it with. */
export function describeServeTarget(profile: ServeProfile): string {
  const { target } = profile;
  switch (target.kind) {
    case 'url':
      return redactUrl(target.url);
    case 'command':
      return target.command;
  }
}

/** Longest untrusted text (a URL, a command, a model name) quoted in a context line. */
const MAX_QUOTED_CHARS = 120;

/**
 * "openai API (POST /v1/embeddings, model m) of http://…; poisson arrivals (seed 7), 3 rounds of 10 s windows
 * per rate; objective p95 ≤ 100 ms and error rate ≤ 1.0 %; run of 2026-12-07 01:00 UTC". `escape` is the
 * format's escaping of untrusted text (the target, the path, the model).
 */
export function describeServeContext(
  profile: ServeProfile,
  escape: (text: string, maxChars?: number) => string,
): string {
  const { api, plan, target } = profile;
  const model = api.model === null ? '' : `, model ${escape(api.model, MAX_QUOTED_CHARS)}`;
  const server =
    target.kind === 'url'
      ? escape(describeServeTarget(profile), MAX_QUOTED_CHARS)
      : `the server embedprof started (${escape(target.command, MAX_QUOTED_CHARS)})`;
  return [
    `${api.kind} API (POST ${escape(api.path, MAX_QUOTED_CHARS)}${model}) of ${server}`,
    `${plan.arrivals} arrivals (seed ${plan.seed}), ${plan.rounds} rounds of ${formatPlain(plan.windowSeconds)} s windows per rate`,
    `objective ${describeObjective(plan)}`,
    `run of ${formatTimestamp(profile.createdAt)}`,
  ].join('; ');
}

/** "p95 at the reference rate 50 req/s: 23.4 ms [21.0–25.8]", or null when it was not measured. */
export function describeReference(sweep: ServeSweep): string | null {
  const reference = sweep.reference;
  if (reference === null) return null;
  return `p95 at the reference rate ${formatRate(reference.ratePerSecond)}: ${formatEstimate(reference.p95Ms)} ms`;
}

/** "93.1 [88.0–98.2]". */
export function formatEstimate(estimate: { value: number; low: number; high: number }): string {
  return `${formatQuantity(estimate.value)} [${formatQuantity(estimate.low)}–${formatQuantity(estimate.high)}]`;
}

/** "✓", or "✗" and what missed the objective: "✗ p95", "✗ errors", "✗ p95, errors", "✗ none succeeded". */
export function describeSloMark(rate: ServeRate, plan: ServePlan): string {
  if (rate.withinSlo) return '✓';
  if (rate.latencyMs === null) return '✗ none succeeded';
  const missed = [
    ...(rate.latencyMs[plan.sloQuantile].value > plan.latencySloMs ? [plan.sloQuantile] : []),
    ...(rate.errorRate > plan.maxErrorRate ? ['errors'] : []),
  ];
  return missed.length === 0 ? '✗' : `✗ ${missed.join(', ')}`;
}

/** The mean achieved rate over the rate's windows (all windows are equally long). */
export function computeAchievedRate(rate: ServeRate): number {
  return computeMean(rate.windows.map((window) => window.achievedRatePerSecond));
}

export interface TimingSplit {
  queue: number;
  tokenization: number;
  inference: number;
  compute: number;
}

/** The median over windows of TEI's per-window timing medians, or null when no window had the headers. */
export function summarizeServerTiming(rate: ServeRate): TimingSplit | null {
  const timings = rate.windows.flatMap((window) =>
    window.serverTimingMs === null ? [] : [window.serverTimingMs],
  );
  if (timings.length === 0) return null;
  const median = (key: keyof TimingSplit) => computeMedian(timings.map((timing) => timing[key]));
  return {
    queue: median('queue'),
    tokenization: median('tokenization'),
    inference: median('inference'),
    compute: median('compute'),
  };
}

/** Capped and failed requests of one rate, as notes: "At 400 req/s: 12 timeout, 3 http-5xx of 4,000 sent". */
function describeRateTroubles(rate: ServeRate, plan: ServePlan): string[] {
  const at = `At ${formatRate(rate.ratePerSecond)}`;
  const capped = rate.windows.reduce((sum, window) => sum + window.cappedRequests, 0);
  const counts = new Map<string, number>();
  for (const window of rate.windows) {
    for (const [kind, count] of Object.entries(window.errors))
      counts.set(kind, (counts.get(kind) ?? 0) + count);
  }
  const errors = [...counts].filter(([, count]) => count > 0).sort(([a], [b]) => a.localeCompare(b));
  const planned = rate.windows.reduce((sum, window) => sum + window.planned, 0);
  return [
    ...(capped === 0
      ? []
      : [
          `${at}, ${formatFixed(capped)} requests waited for a connection (at most ${plan.maxInFlight} in flight).`,
        ]),
    ...(errors.length === 0
      ? []
      : [
          `${at}: ${errors.map(([kind, count]) => `${formatFixed(count)} ${kind}`).join(', ')} of ${formatFixed(planned)} planned.`,
        ]),
  ];
}

/** Notes under a sweep's table: capped requests and errors by kind, rate by rate. */
export function listSweepNotes(sweep: ServeSweep, plan: ServePlan): string[] {
  return sweep.rates.flatMap((rate) => describeRateTroubles(rate, plan));
}
